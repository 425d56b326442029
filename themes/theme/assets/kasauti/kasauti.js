/* Kasauti theme behaviour: text size and contrast controls (saved in localStorage), keyboard-operable menu and
   search buttons in place of Material's label toggles, and the optional external-link notice (GIGW 5.4.4).
   Plain DOM code, no dependencies; everything degrades to Material's own behaviour without it. */
(function () {
  "use strict";

  var root = document.documentElement;
  var TEXT_KEY = "kasauti.text";
  var CONTRAST_KEY = "kasauti.contrast";
  var TEXT_MIN = -1;
  var TEXT_MAX = 3;
  var TEXT_PERCENT = { "-1": 87.5, "0": 100, "1": 112.5, "2": 125, "3": 150 };

  function save(key, value) {
    try {
      if (value === null) localStorage.removeItem(key);
      else localStorage.setItem(key, value);
    } catch (e) { /* private mode or storage disabled: the setting lasts for this page only */ }
  }

  function announce(message) {
    var status = document.querySelector("[data-kasauti-status]");
    if (!status) return;
    status.textContent = "";
    // A fresh text node in a later task makes screen readers announce even a repeated message.
    window.setTimeout(function () { status.textContent = message; }, 50);
  }

  /* ---- text size ---- */
  function textStep() {
    var step = parseInt(root.getAttribute("data-kasauti-text") || "0", 10);
    return isNaN(step) ? 0 : step;
  }

  function setTextStep(step, label) {
    step = Math.max(TEXT_MIN, Math.min(TEXT_MAX, step));
    if (step === 0) root.removeAttribute("data-kasauti-text");
    else root.setAttribute("data-kasauti-text", String(step));
    save(TEXT_KEY, step === 0 ? null : String(step));
    announce(label + ": " + TEXT_PERCENT[String(step)] + "%");
  }

  /* ---- contrast ---- */
  function setContrast(high, button) {
    if (high) root.setAttribute("data-kasauti-contrast", "high");
    else root.removeAttribute("data-kasauti-contrast");
    save(CONTRAST_KEY, high ? "high" : null);
    button.setAttribute("aria-pressed", high ? "true" : "false");
  }

  function setUpControls() {
    var controls = document.querySelector("[data-kasauti-controls]");
    if (!controls || controls.getAttribute("data-kasauti-ready")) return;
    controls.setAttribute("data-kasauti-ready", "true");
    var group = controls.querySelector("[role=group]");
    var label = group ? group.getAttribute("aria-label") : "Text size";
    controls.querySelectorAll("[data-kasauti-text-size]").forEach(function (button) {
      button.addEventListener("click", function () {
        var action = button.getAttribute("data-kasauti-text-size");
        if (action === "smaller") setTextStep(textStep() - 1, label);
        else if (action === "larger") setTextStep(textStep() + 1, label);
        else setTextStep(0, label);
      });
    });
    var contrast = controls.querySelector("[data-kasauti-contrast-toggle]");
    if (contrast) {
      contrast.setAttribute("aria-pressed", root.getAttribute("data-kasauti-contrast") === "high" ? "true" : "false");
      contrast.addEventListener("click", function () {
        setContrast(contrast.getAttribute("aria-pressed") !== "true", contrast);
      });
    }
  }

  /* ---- menu (drawer) and search buttons: drive Material's hidden checkboxes ---- */
  function setToggle(name, open) {
    var box = document.getElementById("__" + name);
    if (!box || box.checked === open) return;
    box.checked = open;
    box.dispatchEvent(new Event("change"));
  }

  function firstFocusable(container) {
    var candidates = container.querySelectorAll("a[href], button, input, [tabindex='0']");
    for (var i = 0; i < candidates.length; i++) {
      if (candidates[i].offsetParent !== null) return candidates[i];
    }
    return null;
  }

  function setUpToggleButtons() {
    document.querySelectorAll("[data-kasauti-toggle]").forEach(function (button) {
      if (button.getAttribute("data-kasauti-ready")) return;
      button.setAttribute("data-kasauti-ready", "true");
      var name = button.getAttribute("data-kasauti-toggle");
      var box = document.getElementById("__" + name);
      if (!box) return;
      var sync = function () { button.setAttribute("aria-expanded", box.checked ? "true" : "false"); };
      box.addEventListener("change", function () {
        sync();
        if (box.checked) {
          window.setTimeout(function () {
            var target = name === "search"
              ? document.querySelector("[data-md-component=search-query]")
              : firstFocusable(document.querySelector(".md-sidebar--primary") || document.body);
            if (target) target.focus();
          }, 30);
        } else if (button.offsetParent !== null && (document.activeElement === document.body ||
                   (name === "drawer" && document.querySelector(".md-sidebar--primary").contains(document.activeElement)))) {
          button.focus();
        }
      });
      button.addEventListener("click", function () {
        setToggle(name, !box.checked);
        // Focus in the same click: mobile browsers only raise the keyboard for a user-initiated focus.
        if (name === "search" && box.checked) {
          var query = document.querySelector("[data-md-component=search-query]");
          if (query) query.focus();
        }
      });
      sync();
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && document.getElementById("__drawer") && document.getElementById("__drawer").checked) {
        setToggle("drawer", false);
        var menu = document.querySelector("[data-kasauti-toggle=drawer]");
        if (menu) menu.focus();
      }
    });
  }

  /* ---- Material's navigation labels: Space opens them too (Material handles Enter), and the state of each
     section is kept in sync for assistive technology. ---- */
  function setUpNavigation() {
    document.querySelectorAll(".md-nav__toggle").forEach(function (box) {
      var nav = box.id ? document.querySelector("nav[aria-labelledby='" + box.id + "_label']") : null;
      if (nav) box.addEventListener("change", function () { nav.setAttribute("aria-expanded", box.checked ? "true" : "false"); });
    });
    document.querySelectorAll("label.md-nav__link[for], label.md-nav__title[for]").forEach(function (label) {
      if (label.getAttribute("for") === "__drawer") return;
      if (!label.hasAttribute("tabindex")) label.setAttribute("tabindex", "0");
      label.addEventListener("keydown", function (event) {
        if (event.key === " " || event.key === "Spacebar") {
          event.preventDefault();
          label.click();
        }
      });
    });
  }

  /* ---- external-link notice (only rendered when the plugin option is on) ---- */
  function setUpNotice() {
    var dialog = document.querySelector("[data-kasauti-notice-dialog]");
    if (!dialog || typeof dialog.showModal !== "function" || dialog.getAttribute("data-kasauti-ready")) return;
    dialog.setAttribute("data-kasauti-ready", "true");
    var target = dialog.querySelector("[data-kasauti-notice-target]");
    var go = dialog.querySelector("[data-kasauti-notice-continue]");
    var cancel = dialog.querySelector("[data-kasauti-notice-cancel]");
    var opener = null;
    document.addEventListener("click", function (event) {
      var link = event.target.closest ? event.target.closest("a[data-kasauti-notice]") : null;
      if (!link || event.defaultPrevented || event.ctrlKey || event.metaKey || event.shiftKey) return;
      event.preventDefault();
      opener = link;
      target.textContent = link.href;
      go.href = link.href;
      dialog.showModal();
      cancel.focus();
    });
    go.addEventListener("click", function () { dialog.close(); });
    cancel.addEventListener("click", function () { dialog.close(); });
    dialog.addEventListener("close", function () { if (opener) opener.focus(); });
  }

  function init() {
    setUpControls();
    setUpToggleButtons();
    setUpNavigation();
    setUpNotice();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
