/* The book's language switch: English / Hinglish / Both (the default).
 *
 * book/_ext/hinglish.py marks, at build time, every Hinglish cell as <div class="hinglish"> and
 * the English prose each one retells as <div class="hinglish-retold">. This script only chooses
 * the mode: it sets <html data-language="english|hinglish|both">, which hinglish.css turns into
 * display: none for the other language. Loaded in the page head (not deferred), so the stored
 * choice applies before the page is drawn; the radio group is added once the page is parsed.
 * The choice is kept in localStorage, so it holds across pages, reloads and visits.
 */
(function () {
  "use strict";

  var STORAGE_KEY = "course-language";
  var MODES = [
    { value: "english", label: "English" },
    { value: "hinglish", label: "Hinglish" },
    { value: "both", label: "Both" },
  ];
  var DEFAULT_MODE = "both";

  function isMode(value) {
    return MODES.some(function (mode) { return mode.value === value; });
  }

  function storedMode() {
    try {
      var value = window.localStorage.getItem(STORAGE_KEY);
      return isMode(value) ? value : DEFAULT_MODE;
    } catch (err) {  // storage disabled (privacy settings): the default, every page
      return DEFAULT_MODE;
    }
  }

  function applyMode(mode) {
    document.documentElement.setAttribute("data-language", mode);
    var inputs = document.querySelectorAll(".language-switch input[type=radio]");
    Array.prototype.forEach.call(inputs, function (input) {
      input.checked = input.value === mode;
    });
  }

  function saveMode(mode) {
    try {
      window.localStorage.setItem(STORAGE_KEY, mode);
    } catch (err) {
      /* not stored: the choice still holds on this page */
    }
  }

  /* Exercise feedback (course_utils.exercises.Feedback) prints English, then
   * "<em>Hinglish mein:</em> ...". Wrap the two halves so each language mode shows its own. */
  function splitFeedback(root) {
    var blocks = root.querySelectorAll(".exercise-feedback:not([data-language-split])");
    Array.prototype.forEach.call(blocks, function (block) {
      block.setAttribute("data-language-split", "");
      if (block.querySelector(".hinglish-text, .english-text")) {
        return;  // the output marks its languages itself
      }
      var marker = Array.prototype.find.call(block.querySelectorAll("em, strong, b, i"), function (el) {
        return /^\s*Hinglish mein:?\s*$/i.test(el.textContent);
      });
      if (!marker || marker.parentNode !== block) {
        return;
      }
      var english = document.createElement("span");
      english.className = "english-text";
      var hinglish = document.createElement("span");
      hinglish.className = "hinglish-text";
      var heading = block.firstElementChild;  // "✓ Correct (q1)" stays in both modes
      var node = heading && heading !== marker ? heading.nextSibling : block.firstChild;
      var target = english;
      while (node) {
        var next = node.nextSibling;
        if (node === marker) {
          target = hinglish;
        }
        if (!(target === english && next === marker && node.nodeName === "BR")) {
          target.appendChild(node);
        } else {
          block.removeChild(node);  // the <br> between the halves; CSS puts Hinglish on its own line
        }
        node = next;
      }
      block.appendChild(english);
      block.appendChild(hinglish);
    });
  }

  function buildSwitch() {
    if (document.querySelector(".language-switch")) {
      return;
    }
    var article = document.querySelector("article.bd-article") ||
      document.querySelector("[role=main]") || document.body;
    var fieldset = document.createElement("fieldset");
    fieldset.className = "language-switch";
    var legend = document.createElement("legend");
    legend.textContent = "Language";
    legend.title = "Read the explanations in English, in Hinglish, or both";
    fieldset.appendChild(legend);
    var current = storedMode();
    MODES.forEach(function (mode) {
      var label = document.createElement("label");
      var input = document.createElement("input");
      input.type = "radio";
      input.name = "course-language";
      input.value = mode.value;
      input.checked = mode.value === current;
      input.addEventListener("change", function () {
        if (input.checked) {
          saveMode(mode.value);
          applyMode(mode.value);
        }
      });
      label.appendChild(input);
      label.appendChild(document.createTextNode(mode.label));
      fieldset.appendChild(label);
    });
    article.insertBefore(fieldset, article.firstChild);
  }

  /* "Going further · …" sections are detours, collapsed: book/_ext/hinglish.py puts each one's
   * body in <details class="going-further">. Open the ones that hold the #fragment a reader
   * follows (a link, the page's table of contents, an address typed in), then show the target. */
  function openDetourFor(hash) {
    if (!hash || hash.length < 2) {
      return false;
    }
    var id = hash.slice(1);
    try {
      id = decodeURIComponent(id);
    } catch (err) {
      /* not percent-encoded: use it as it is */
    }
    var target = document.getElementById(id);
    if (!target) {
      return false;
    }
    var details = target.closest("details.going-further");
    var section = target.closest("section.going-further");
    if (!details && section) {  // the section itself (its heading): the details is its child
      details = section.querySelector(":scope > details.going-further");
    }
    var opened = false;
    while (details) {
      if (!details.open) {
        details.open = true;
        opened = true;
      }
      details = details.parentElement && details.parentElement.closest("details.going-further");
    }
    if (opened) {
      target.scrollIntoView();
    }
    return opened;
  }

  function followDetourLinks() {
    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a[href*='#']");
      if (link && link.hash && link.pathname === window.location.pathname) {
        openDetourFor(link.hash);  // the same #fragment again fires no hashchange
      }
    }, true);
    window.addEventListener("hashchange", function () {
      openDetourFor(window.location.hash);
    });
  }

  applyMode(storedMode());

  function onReady() {
    buildSwitch();
    splitFeedback(document);
    applyMode(storedMode());
    followDetourLinks();
    openDetourFor(window.location.hash);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", onReady);
  } else {
    onReady();
  }

  // Another tab changed the language: follow it.
  window.addEventListener("storage", function (event) {
    if (event.key === STORAGE_KEY) {
      applyMode(storedMode());
    }
  });
})();
