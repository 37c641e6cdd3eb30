/*
 * Requests and offers: pause the conversation's polling for new messages while the tab is
 * hidden (no requests from a forgotten tab). The page works without this file.
 */
(function () {
  "use strict";
  document.addEventListener("htmx:beforeRequest", function (event) {
    var elt = event.detail ? event.detail.elt : null;
    if (document.hidden && elt && elt.hasAttribute && elt.hasAttribute("data-poller")) {
      event.preventDefault();
    }
  });
})();
