/*
 * Solidair: small progressive enhancements. Every page works without this file.
 * No dependencies besides htmx (optional), no eval, no inline handlers (CSP).
 */
(function () {
  "use strict";

  // Set as early as possible (this file loads in <head>) so CSS can hide no-JS fallbacks
  // such as the language "Change" button without a flash.
  document.documentElement.classList.add("js");

  var NARROW = "(max-width: 55.99rem)";

  function announce(message) {
    var region = document.getElementById("live-region");
    if (!region || !message) {
      return;
    }
    // Clearing first makes screen readers repeat an identical message.
    region.textContent = "";
    window.setTimeout(function () {
      region.textContent = message;
    }, 50);
  }

  /* ------------------------------------------------ mobile navigation */

  function setupNavToggle(root) {
    var buttons = root.querySelectorAll("[data-nav-toggle]");
    Array.prototype.forEach.call(buttons, function (button) {
      var menu = document.getElementById(button.getAttribute("aria-controls"));
      if (!menu) {
        return;
      }
      button.hidden = false;
      button.setAttribute("aria-expanded", "false");

      function close(returnFocus) {
        button.setAttribute("aria-expanded", "false");
        menu.classList.remove("is-open");
        if (returnFocus) {
          button.focus();
        }
      }

      button.addEventListener("click", function () {
        var open = button.getAttribute("aria-expanded") === "true";
        button.setAttribute("aria-expanded", open ? "false" : "true");
        menu.classList.toggle("is-open", !open);
      });

      document.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
          close(true);
        }
      });
    });
  }

  /* ------------------------------------------------ auto-submitting selects */

  function submitForm(form) {
    if (typeof form.requestSubmit === "function") {
      // requestSubmit fires the submit event, so htmx (hx-get/hx-post on the form) sees it.
      form.requestSubmit();
    } else {
      form.submit();
    }
  }

  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target && target.matches && target.matches("[data-autosubmit]") && target.form) {
      submitForm(target.form);
    }
  });

  /* ------------------------------------------------ copy to clipboard */

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.className = "visually-hidden";
      document.body.appendChild(area);
      area.select();
      try {
        if (document.execCommand("copy")) {
          resolve();
        } else {
          reject(new Error("copy refused"));
        }
      } catch (error) {
        reject(error);
      } finally {
        document.body.removeChild(area);
      }
    });
  }

  // <button type="button" data-copy="text to copy"> or data-copy-target="element-id".
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-copy], [data-copy-target]") : null;
    if (!button) {
      return;
    }
    var text = button.getAttribute("data-copy");
    var targetId = button.getAttribute("data-copy-target");
    var source = targetId ? document.getElementById(targetId) : null;
    if (!text && source) {
      text = "value" in source && source.value ? source.value : source.textContent.trim();
    }
    if (!text) {
      return;
    }
    var original = button.getAttribute("data-label") || button.textContent;
    button.setAttribute("data-label", original);
    copyText(text).then(
      function () {
        var done = button.getAttribute("data-copied") || "Copied";
        button.textContent = done;
        announce(done);
        window.setTimeout(function () {
          button.textContent = original;
        }, 2500);
      },
      function () {
        // Clipboard refused: select the text so the person can copy it themselves.
        if (source && window.getSelection) {
          var range = document.createRange();
          range.selectNodeContents(source);
          var selection = window.getSelection();
          selection.removeAllRanges();
          selection.addRange(range);
        }
        announce(button.getAttribute("data-copy-failed") || "");
      }
    );
  });

  /* ------------------------------------------------ filters on phones */

  // Filter panels are <details open> in the HTML so they work without JS; on a phone we
  // fold them away at load so the results come first.
  function setupCollapsibles(root) {
    if (!window.matchMedia || !window.matchMedia(NARROW).matches) {
      return;
    }
    var panels = root.querySelectorAll("details[data-collapse-narrow]");
    Array.prototype.forEach.call(panels, function (panel) {
      if (!panel.hasAttribute("data-keep-open")) {
        panel.open = false;
      }
    });
  }

  /* ------------------------------------------------ htmx: CSRF token */

  // Pages served to anonymous visitors come from a shared cache and carry no CSRF token:
  // htmx requests send the one in the csrftoken cookie (CSRF_COOKIE_HTTPONLY is False).
  // A token already set by hx-headers (signed-in pages) is left alone. The listener sits on
  // document, so it works whichever of this file and htmx loads first.
  function cookie(name) {
    var pairs = document.cookie ? document.cookie.split(";") : [];
    for (var i = 0; i < pairs.length; i++) {
      var pair = pairs[i].trim();
      if (pair.indexOf(name + "=") === 0) {
        return decodeURIComponent(pair.substring(name.length + 1));
      }
    }
    return "";
  }

  document.addEventListener("htmx:configRequest", function (event) {
    var detail = event.detail;
    if (!detail || !detail.headers || detail.headers["X-CSRFToken"]) {
      return;
    }
    var method = (detail.verb || "get").toUpperCase();
    if (method === "GET" || method === "HEAD") {
      return;
    }
    var token = cookie("csrftoken");
    if (token) {
      detail.headers["X-CSRFToken"] = token;
    }
  });

  /* ------------------------------------------------ htmx: live results */

  // After htmx swaps in new results, say how many there are (aria-live) and, when the
  // swap came from inside the results (pagination), move focus to their start so keyboard
  // and screen reader users are not left on a link that no longer exists. A swap caused by
  // typing in a filter keeps focus where it is.
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail && event.detail.target ? event.detail.target : event.target;
    if (target && !target.isConnected && target.id) {
      // An outerHTML swap replaced the target: use the new element with the same id.
      target = document.getElementById(target.id) || target;
    }
    if (!target || !target.querySelector) {
      return;
    }
    var countSelector = "[data-result-count], .results__count";
    var count = target.matches(countSelector) ? target : target.querySelector(countSelector);
    if (count) {
      announce(count.getAttribute("data-result-count") || count.textContent.trim());
    }
    var trigger = event.detail && event.detail.requestConfig ? event.detail.requestConfig.elt : null;
    var fromInside = trigger && target.contains && (target.contains(trigger) || !document.body.contains(trigger));
    if (fromInside && target.hasAttribute("data-focus-on-swap")) {
      var heading = target.querySelector("[data-focus-here]") || target;
      if (!heading.hasAttribute("tabindex")) {
        heading.setAttribute("tabindex", "-1");
      }
      heading.focus({ preventScroll: true });
      heading.scrollIntoView({ block: "start" });
    }
    setupNavToggle(target);
    setupCollapsibles(target);
    focusErrorSummary(target);
  });

  // A boosted page load (hx-boost) replaces <body>: move focus to <main> like a page load.
  document.addEventListener("htmx:afterSettle", function (event) {
    var elt = event.detail ? event.detail.elt : null;
    if (elt === document.body) {
      var main = document.getElementById("main");
      if (main) {
        main.focus({ preventScroll: true });
      }
    }
  });

  // A form that came back with errors: bring the error summary to the reader's attention.
  function focusErrorSummary(root) {
    var summary = root.querySelector("[data-error-summary]");
    if (summary) {
      summary.focus();
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupNavToggle(document);
    setupCollapsibles(document);
    focusErrorSummary(document);
  });
})();
