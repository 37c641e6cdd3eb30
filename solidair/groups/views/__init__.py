"""Pages of the groups app: the directory and group pages (`groups.py`), members and
invitations (`members.py`), discussions (`topics.py`)."""
