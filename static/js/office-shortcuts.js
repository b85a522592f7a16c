// Keyboard shortcuts of the office pages, documented on each page that has them.
// A letter moves the focus to the button (or field) marked data-shortcut="<letter>"; it
// never acts by itself: Enter on the focused button does, so a stray key decides nothing.
// Keys typed into a field are left alone, and the shortcuts can be turned off (WCAG
// 2.1.4), a choice kept in this browser.
(function () {
  "use strict";
  var STORE = "umis-shortcuts-off";

  function off() {
    try {
      return window.localStorage.getItem(STORE) === "1";
    } catch (e) {
      return false;
    }
  }

  function typing(target) {
    var tag = (target && target.tagName) || "";
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || target.isContentEditable;
  }

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && typing(event.target)) {
      event.target.blur();
      return;
    }
    if (off() || event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) {
      return;
    }
    var key = (event.key || "").toLowerCase();
    if (!/^[a-z\/]$/.test(key)) {
      return;
    }
    var element = document.querySelector('[data-shortcut="' + key + '"]');
    if (!element) {
      return;
    }
    event.preventDefault();
    // The form's first field when it asks for something (a reason, grounds), else the button.
    var form = element.form;
    var first = form && form.querySelector("textarea, input[type=checkbox], select");
    var target = element.tagName === "BUTTON" && first ? first : element;
    target.scrollIntoView({ block: "center" });
    target.focus();
  });

  function showToggle() {
    var toggle = document.querySelector("[data-shortcuts-toggle]");
    if (!toggle) {
      return;
    }
    var render = function () {
      toggle.textContent = off() ? toggle.dataset.labelOff : toggle.dataset.labelOn;
    };
    toggle.hidden = false;
    render();
    toggle.addEventListener("click", function () {
      try {
        window.localStorage.setItem(STORE, off() ? "0" : "1");
      } catch (e) {
        return;
      }
      render();
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", showToggle);
  } else {
    showToggle();
  }
})();
