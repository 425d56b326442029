/*
 * Kasauti browser checks: the parts of WCAG that axe-core does not test because they need layout and a
 * keyboard. Registered with Chromium to run in every new document before the page's own scripts (as axe-core
 * is), or loaded with Selenium's execute_script when that did not happen; defines window.__kasauti.
 * Python (linter/engines/axe.py) drives the viewport and the keyboard; this file only measures. Every call
 * from Python is a round trip through chromedriver (~5 ms), so the calls are few and each does a whole step.
 *
 *   reflow()          BRW001: content wider than a 320 CSS px viewport (WCAG 1.4.10)
 *   clippedText()     BRW002: text cut off by overflow:hidden at a 640x512 viewport, i.e. 200% zoom (1.4.4)
 *   contrastPrepare() BRW006: character boxes and text colour of an element axe could not judge (background
 *                     image or gradient), its text hidden for a screenshot of the background (1.4.3)
 *   rotations()       BRW005: rotation of what orientation media queries transform (Python compares portrait
 *                     and landscape; a quarter turn locks the orientation, 1.3.4)
 *   keyboardSetup()   BRW003/BRW004: lists the tab stops, snapshots their unfocused look, then focuses each in
 *                     tab order and logs its focused look and any focus stolen back by page scripts
 *   keyboardLog()     the outcome of that walk (read after page scripts had time to react)
 *   keyboardRun()     keyboardSetup, a pause for page scripts when there are any, then keyboardLog (async)
 *   zoomed()          clippedText() and orientationTargets() in one call
 *   paths(targets)    Kasauti selectors (the same as the static engine's) for axe's node targets
 *   axeRun()          axe.run, its results cut to what Python reads, with Kasauti paths (async)
 */
(function () {
  "use strict";
  if (window.__kasauti) return;
  var SNIPPET_MAX = 300;
  // Captured before page scripts run, so that a page that replaces setTimeout cannot stall an async check.
  var nativeSetTimeout = window.setTimeout.bind(window);
  var ID_PATTERN = /^-?[A-Za-z_][A-Za-z0-9_-]*$/;

  // ---- selectors and snippets (mirror linter/html.py Document.selector) -------------------------------
  function idCount(doc, id) {
    try {
      return doc.querySelectorAll('[id="' + id.replace(/["\\]/g, "\\$&") + '"]').length;
    } catch (e) {
      return 2;
    }
  }

  function path(el) {
    var parts = [];
    var node = el;
    var doc = el.ownerDocument;
    while (node && node.nodeType === 1) {
      var id = node.getAttribute("id");
      if (id && ID_PATTERN.test(id) && idCount(doc, id) === 1) {
        parts.push("#" + id);
        break;
      }
      var tag = node.localName.toLowerCase();
      var parent = node.parentElement;
      if (!parent) {
        parts.push(tag);
        break;
      }
      var same = [];
      for (var i = 0; i < parent.children.length; i++) {
        if (parent.children[i].localName === node.localName) same.push(parent.children[i]);
      }
      parts.push(same.length === 1 ? tag : tag + ":nth-of-type(" + (same.indexOf(node) + 1) + ")");
      node = parent;
    }
    return parts.reverse().join(" > ");
  }

  function snippet(el) {
    var html = (el.outerHTML || "").replace(/\s+/g, " ").trim();
    return html.length <= SNIPPET_MAX ? html : html.slice(0, SNIPPET_MAX - 1) + "\u2026";
  }

  function describe(el) {
    return { path: path(el), html: snippet(el) };
  }

  // Resolve axe targets (arrays of selectors, one per frame level) to Kasauti paths; null when not found.
  function paths(targets) {
    return targets.map(function (target) {
      try {
        var doc = document;
        var prefix = [];
        for (var i = 0; i < target.length; i++) {
          var sel = target[i];
          if (Array.isArray(sel)) return null; // shadow DOM: keep axe's selector
          var el = doc.querySelector(sel);
          if (!el) return null;
          if (i === target.length - 1) return prefix.concat([path(el)]).join(" >>> ");
          prefix.push(path(el));
          doc = el.contentDocument; // same-origin frames only
          if (!doc) return null;
        }
      } catch (e) {
        return null;
      }
      return null;
    });
  }

  // ---- visibility helpers -----------------------------------------------------------------------------
  function rendered(el) {
    if (!el.getClientRects().length) return false;
    var style = getComputedStyle(el);
    return style.visibility === "visible";
  }

  function hiddenFromAll(el) {
    for (var node = el; node && node.nodeType === 1; node = node.parentElement) {
      if (node.getAttribute("aria-hidden") === "true") return true;
      var tag = node.localName;
      if (tag === "svg" || tag === "math" || tag === "script" || tag === "style" || tag === "noscript") return true;
    }
    return false;
  }

  // ---- BRW001 reflow ----------------------------------------------------------------------------------
  // Content that needs two dimensions (WCAG 1.4.10 exception) and what is inside it.
  var TWO_D = "table, pre, canvas, video, audio, iframe, object, embed, svg, math, img, picture, map, code";

  function reflow() {
    var root = document.scrollingElement || document.documentElement;
    var viewport = document.documentElement.clientWidth;
    var width = root.scrollWidth;
    var result = { viewport: viewport, scrollWidth: width, culprits: [] };
    if (width <= viewport + 1) return result;
    var all = document.body ? document.body.getElementsByTagName("*") : [];
    for (var i = 0; i < all.length && result.culprits.length < 5; i++) {
      var el = all[i];
      var rect = el.getBoundingClientRect();
      if (rect.right <= viewport + 1 || rect.width === 0 || rect.height === 0) continue;
      if (el.closest(TWO_D)) continue;
      var style = getComputedStyle(el);
      if (style.position === "fixed" || style.visibility !== "visible") continue;
      // Only the outermost cause: its parent fits (or is the page itself).
      var parent = el.parentElement;
      if (parent && parent !== document.body && parent.getBoundingClientRect().right > viewport + 1) continue;
      if (clippedByAncestor(el, viewport)) continue;
      var item = describe(el);
      item.right = Math.round(rect.right);
      result.culprits.push(item);
    }
    return result;
  }

  // An ancestor that clips or scrolls horizontally contains the overflow (no page scroll from it).
  function clippedByAncestor(el, viewport) {
    for (var node = el.parentElement; node && node !== document.body; node = node.parentElement) {
      var ox = getComputedStyle(node).overflowX;
      if (ox !== "visible" && node.getBoundingClientRect().right <= viewport + 1) return true;
    }
    return false;
  }

  // ---- BRW002 text clipped at 200% --------------------------------------------------------------------
  function clips(value) {
    return value === "hidden" || value === "clip";
  }

  function clippedText() {
    var found = [];
    var candidates = [];
    var all = document.body ? document.body.getElementsByTagName("*") : [];
    for (var i = 0; i < all.length; i++) {
      var el = all[i];
      var style = getComputedStyle(el);
      var x = clips(style.overflowX) && el.scrollWidth > el.clientWidth + 1;
      var y = clips(style.overflowY) && el.scrollHeight > el.clientHeight + 1;
      if (!x && !y) continue;
      // Visually hidden text (the sr-only pattern) is hidden on purpose, not clipped by zoom.
      if (el.clientWidth < 3 || el.clientHeight < 3) continue;
      if (style.clip && style.clip !== "auto") continue;
      if (hiddenFromAll(el) || !rendered(el)) continue;
      candidates.push({ el: el, x: x, y: y, ellipsis: style.textOverflow === "ellipsis" });
    }
    for (var c = 0; c < candidates.length && found.length < 10; c++) {
      var cand = candidates[c];
      if (textCut(cand)) {
        var item = describe(cand.el);
        item.axis = cand.y ? "vertical" : "horizontal";
        found.push(item);
      }
    }
    return found;
  }

  // Is a line of text inside this clipping box cut through by its edge (a partly visible line)?
  function textCut(cand) {
    var box = cand.el.getBoundingClientRect();
    var left = box.left + cand.el.clientLeft;
    var top = box.top + cand.el.clientTop;
    var right = left + cand.el.clientWidth;
    var bottom = top + cand.el.clientHeight;
    var walker = document.createTreeWalker(cand.el, NodeFilter.SHOW_TEXT);
    var range = document.createRange();
    var node;
    while ((node = walker.nextNode())) {
      if (!node.nodeValue.trim()) continue;
      var parent = node.parentElement;
      if (!parent || hiddenFromAll(parent) || nearestClipper(parent, cand.el) !== cand.el) continue;
      range.selectNodeContents(node);
      var rects = range.getClientRects();
      for (var r = 0; r < rects.length; r++) {
        var line = rects[r];
        if (line.width === 0 || line.height === 0) continue;
        if (cand.y && line.top < bottom - 1 && line.bottom > bottom + 1) return true;
        if (cand.x && !cand.ellipsis && line.left < right - 1 && line.right > right + 1 &&
            line.top < bottom && line.bottom > top) return true;
      }
    }
    return false;
  }

  // The nearest ancestor (up to `limit`) whose overflow is not visible; a scroller there lets users reach the text.
  function nearestClipper(el, limit) {
    for (var node = el; node; node = node.parentElement) {
      if (node === limit) return limit;
      var style = getComputedStyle(node);
      if (style.overflowX !== "visible" || style.overflowY !== "visible") return node;
    }
    return null;
  }

  // ---- BRW006 contrast of text over a background image or gradient ----------------------------------------
  // For an element axe-core could not judge (its background is an image or a gradient): the text colour, the
  // box of every character of its own text (page coordinates), and the text made transparent so that a
  // screenshot shows what is behind it. contrastRestore() puts the text back.
  var CONTRAST_ATTR = "data-kasauti-contrast";

  function parseColor(text) {
    var m = /^rgba?\(([^)]*)\)$/.exec((text || "").trim());
    if (!m) return null;
    var v = m[1].split(/[\s,\/]+/).filter(Boolean).map(parseFloat);
    return [v[0], v[1], v[2], v.length > 3 ? v[3] : 1];
  }

  function contrastPrepare(target, maxChars) {
    var el;
    try {
      el = target.length === 1 && typeof target[0] === "string" ? document.querySelector(target[0]) : null;
    } catch (e) {
      el = null;
    }
    if (!el) return { skip: "element not found in the top document" };
    var style = getComputedStyle(el);
    var fg = parseColor(style.color);
    if (!fg) return { skip: "text colour is not sRGB" };
    if (style.textShadow && style.textShadow !== "none") return { skip: "text shadow" };
    for (var node = el; node && node.nodeType === 1; node = node.parentElement) {
      if (parseFloat(getComputedStyle(node).opacity) < 1) return { skip: "opacity" };
    }
    el.scrollIntoView({ block: "center", inline: "nearest" });
    var chars = [];
    var range = document.createRange();
    for (var child = el.firstChild; child && chars.length < maxChars; child = child.nextSibling) {
      if (child.nodeType !== 3) continue;
      var text = child.nodeValue;
      for (var i = 0; i < text.length && chars.length < maxChars; i++) {
        if (!text.charAt(i).trim()) continue;
        range.setStart(child, i);
        range.setEnd(child, i + 1);
        var r = range.getBoundingClientRect();
        if (r.width < 1 || r.height < 1) continue;
        chars.push([r.left + scrollX, r.top + scrollY, r.right + scrollX, r.bottom + scrollY]);
      }
    }
    if (!chars.length) return { skip: "no text of its own" };
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    chars.forEach(function (c) {
      x0 = Math.min(x0, c[0]); y0 = Math.min(y0, c[1]); x1 = Math.max(x1, c[2]); y1 = Math.max(y1, c[3]);
    });
    var item = describe(el); // before the element is marked
    var sheet = document.createElement("style");
    sheet.setAttribute("data-kasauti", "");
    sheet.textContent = "[" + CONTRAST_ATTR + "], [" + CONTRAST_ATTR + "] * { color: transparent !important; " +
      "-webkit-text-fill-color: transparent !important; text-shadow: none !important; " +
      "text-decoration-color: transparent !important; caret-color: transparent !important; }";
    (document.head || document.documentElement).appendChild(sheet);
    el.setAttribute(CONTRAST_ATTR, "");
    var clip = { x: Math.floor(x0), y: Math.floor(y0), width: Math.ceil(x1) - Math.floor(x0),
      height: Math.ceil(y1) - Math.floor(y0) };
    return { fg: fg, chars: chars, clip: clip, path: item.path, html: item.html };
  }

  function contrastRestore() {
    var marked = document.querySelectorAll("[" + CONTRAST_ATTR + "]");
    for (var i = 0; i < marked.length; i++) marked[i].removeAttribute(CONTRAST_ATTR);
    var sheets = document.querySelectorAll("style[data-kasauti]");
    for (var s = 0; s < sheets.length; s++) sheets[s].parentNode.removeChild(sheets[s]);
  }

  // ---- BRW005 orientation ------------------------------------------------------------------------------
  // Selectors of style rules that set a transform or rotate inside an orientation media query; `unknown` when
  // a style sheet could not be read (cross-origin), in which case html, body and body's children are measured.
  function orientationTargets() {
    var selectors = [];
    var unknown = false;
    function walk(rules, inOrientation) {
      for (var i = 0; i < rules.length; i++) {
        var rule = rules[i];
        if (rule.media && rule.cssRules) {
          walk(rule.cssRules, inOrientation || /orientation/i.test(rule.conditionText || rule.media.mediaText));
        } else if (rule.cssRules && !rule.selectorText) {
          walk(rule.cssRules, inOrientation); // @supports, @layer, @container
        } else if (inOrientation && rule.selectorText && rule.style &&
                   (rule.style.getPropertyValue("transform") || rule.style.getPropertyValue("rotate"))) {
          selectors.push(rule.selectorText);
        }
      }
    }
    for (var i = 0; i < document.styleSheets.length; i++) {
      var sheet = document.styleSheets[i];
      try {
        walk(sheet.cssRules, /orientation/i.test((sheet.media && sheet.media.mediaText) || ""));
      } catch (e) {
        unknown = true;
      }
    }
    return { selectors: selectors.slice(0, 50), unknown: unknown };
  }

  function parseAngle(text) {
    var match = /(-?[\d.e+-]+)(deg|rad|turn|grad)\s*$/.exec(text || "");
    if (!match) return 0;
    var value = parseFloat(match[1]);
    return { deg: value, rad: value * 180 / Math.PI, turn: value * 360, grad: value * 0.9 }[match[2]];
  }

  // The element's own rotation about the z axis in degrees: its transform matrix plus the `rotate` property.
  function rotationOf(el) {
    var style = getComputedStyle(el);
    var angle = 0;
    var transform = style.transform;
    var m = /^matrix(3d)?\(([^)]*)\)/.exec(transform || "");
    if (m) {
      var v = m[2].split(",").map(parseFloat);
      angle += Math.atan2(v[1], v[0]) * 180 / Math.PI; // matrix(a, b, ...) and matrix3d(m11, m12, ...)
    }
    var rotate = style.rotate;
    if (rotate && rotate !== "none") {
      var parts = rotate.trim().split(/\s+/);
      var zAxis = parts.length === 1 || parts[0] === "z" ||
        (parts.length === 4 && parseFloat(parts[0]) === 0 && parseFloat(parts[1]) === 0);
      if (zAxis) angle += parseAngle(rotate) * (parts.length === 4 && parseFloat(parts[2]) < 0 ? -1 : 1);
    }
    return angle;
  }

  function rotations(targets) {
    var seen = [];
    var els = [document.documentElement];
    if (document.body) els.push(document.body);
    (targets.selectors || []).forEach(function (sel) {
      try {
        var found = document.querySelectorAll(sel);
        for (var i = 0; i < found.length && i < 20; i++) els.push(found[i]);
      } catch (e) { /* a selector the page's CSS accepts but querySelectorAll does not */ }
    });
    if (targets.unknown && document.body) {
      for (var c = 0; c < document.body.children.length && c < 20; c++) els.push(document.body.children[c]);
    }
    var out = [];
    els.forEach(function (el) {
      if (seen.indexOf(el) >= 0) return;
      seen.push(el);
      if (el !== document.documentElement && (!el.getClientRects().length || !(el.innerText || "").trim())) return;
      var item = describe(el);
      if (el === document.documentElement) item.html = item.html.slice(0, item.html.indexOf(">") + 1);
      item.angle = rotationOf(el);
      out.push(item);
    });
    return out;
  }

  // ---- BRW003/BRW004 keyboard -------------------------------------------------------------------------
  var SIDES = ["top", "right", "bottom", "left"];
  var PLAIN = ["box-shadow", "background-color", "background-image", "color", "text-shadow", "opacity",
    "transform", "filter", "font-weight", "visibility", "content"];
  var FOCUSABLE = "a[href], area[href], button, input, select, textarea, iframe, summary, " +
    "audio[controls], video[controls], [tabindex], [contenteditable]:not([contenteditable='false'])";

  // What the element looks like, with invisible differences left out (the colour or offset of an outline or
  // border that is not drawn, a decoration colour without a decoration).
  function look(el, pseudo) {
    var st = getComputedStyle(el, pseudo || null);
    var out = [];
    var outline = st.getPropertyValue("outline-style");
    if (outline === "none" || parseFloat(st.getPropertyValue("outline-width")) === 0) out.push("no-outline");
    else out.push(outline, st.getPropertyValue("outline-width"), st.getPropertyValue("outline-color"),
      st.getPropertyValue("outline-offset"));
    for (var i = 0; i < SIDES.length; i++) {
      var side = "border-" + SIDES[i];
      var style = st.getPropertyValue(side + "-style");
      if (style === "none" || style === "hidden" || parseFloat(st.getPropertyValue(side + "-width")) === 0) {
        out.push("no-border");
      } else {
        out.push(style, st.getPropertyValue(side + "-width"), st.getPropertyValue(side + "-color"));
      }
    }
    var line = st.getPropertyValue("text-decoration-line");
    if (line === "none") out.push("no-decoration");
    else out.push(line, st.getPropertyValue("text-decoration-color"), st.getPropertyValue("text-decoration-style"),
      st.getPropertyValue("text-decoration-thickness"));
    for (var p = 0; p < PLAIN.length; p++) out.push(st.getPropertyValue(PLAIN[p]));
    return out.join("|");
  }

  // The element's look, its pseudo-elements', three ancestors' and its first descendants': a change in any of
  // them while it has focus is (an approximation of) a visible focus indicator.
  function fullLook(el) {
    var parts = [look(el), look(el, "::before"), look(el, "::after")];
    var node = el.parentElement;
    for (var i = 0; i < 3 && node && node !== document.body; i++, node = node.parentElement) parts.push(look(node));
    var kids = el.getElementsByTagName("*");
    for (var k = 0; k < kids.length && k < 3; k++) parts.push(look(kids[k]));
    return parts.join("#");
  }

  function tabStops(limit) {
    var list = [];
    var frames = 0;
    var els = document.querySelectorAll(FOCUSABLE);
    for (var i = 0; i < els.length; i++) {
      var el = els[i];
      if (el.tabIndex < 0 || el.matches(":disabled") || el.closest("[inert]")) continue;
      if (el.localName === "input" && (el.type || "").toLowerCase() === "hidden") continue;
      if (el.localName === "summary" && !(el.parentElement && el.parentElement.localName === "details" &&
          el.parentElement.querySelector("summary") === el)) continue;
      if (!rendered(el)) continue;
      if (el.localName === "iframe") { frames++; continue; } // focus moves into the frame's own document
      list.push({ el: el, order: el.tabIndex, pos: i });
    }
    list.sort(function (a, b) {
      var ao = a.order > 0 ? a.order : Infinity;
      var bo = b.order > 0 ? b.order : Infinity;
      return ao !== bo ? ao - bo : a.pos - b.pos;
    });
    return { stops: list.slice(0, limit).map(function (x) { return x.el; }), total: list.length, frames: frames };
  }

  var kb = null;

  function near(el, target) {
    if (target.nodeType !== 1) target = target.parentElement;
    if (!target) return false;
    if (target === el || el.contains(target) || target.contains(el)) return true;
    var grand = el.parentElement && el.parentElement.parentElement;
    return !!(grand && grand.contains(target));
  }

  function keyboardSetup(limit) {
    keyboardTeardown();
    var found = tabStops(limit);
    var style = document.createElement("style");
    style.setAttribute("data-kasauti", "");
    // Transitions would make the focused look appear only after a delay; measure the end state at once.
    style.textContent = "*,*::before,*::after{transition:none!important;animation-duration:0s!important}";
    (document.head || document.documentElement).appendChild(style);
    if (document.activeElement && document.activeElement !== document.body && document.activeElement.blur) {
      document.activeElement.blur();
    }
    var before = found.stops.map(function (el) { return fullLook(el); });
    // Stops that look the same unfocused and are styled by the same selectors (a menu's links, a footer's)
    // get the same focused look: the first one's verdict serves the others, which saves the style
    // recalculation and ~360 property reads that measuring each focused stop costs (most of this check's time).
    var twin = found.stops.map(function (el, i) {
      var parent = el.parentElement;
      return [before[i], el.localName, el.id, el.getAttribute("class"), el.getAttribute("style"),
        parent && parent.getAttribute("class")].join("\u0001");
    });
    kb = { stops: found.stops, before: before, twin: twin, verdicts: {}, log: [], steals: 0, inPageFocus: 0,
      prevented: 0, style: style };
    // Records reach the callback at every microtask checkpoint (after each event handler), so keep them
    // until the next focusin looks at them.
    kb.pending = [];
    kb.observer = new MutationObserver(function (records) { kb.pending.push.apply(kb.pending, records); });
    kb.observer.observe(document.documentElement, { attributes: true, childList: true, subtree: true,
      characterData: false });
    kb.onFocus = function (event) {
      var el = event.target;
      if (!el || el.nodeType !== 1) return;
      var index = kb.stops.indexOf(el);
      var records = kb.pending.concat(kb.observer.takeRecords());
      kb.pending = [];
      var mutated = false;
      for (var i = 0; i < records.length; i++) {
        if (records[i].target !== style && near(el, records[i].target)) { mutated = true; break; }
      }
      var changed = null;
      if (index >= 0) {
        var key = kb.twin[index];
        changed = kb.verdicts.hasOwnProperty(key) ? kb.verdicts[key] : fullLook(el) !== kb.before[index];
        kb.verdicts[key] = changed;
      }
      kb.log.push({ index: index, stolen: kb.inPageFocus > 0, changed: changed, mutated: mutated });
    };
    document.addEventListener("focusin", kb.onFocus, true);
    // Page scripts that call focus() during a Tab walk may be building a trap; count them. HTML and SVG
    // elements have focus() on different prototypes (calling one on the other throws "Illegal invocation").
    kb.natives = [];
    [window.HTMLElement, window.SVGElement, window.MathMLElement].forEach(function (type) {
      if (!type || !type.prototype.hasOwnProperty("focus")) return;
      var native = type.prototype.focus;
      kb.natives.push([type.prototype, native]);
      type.prototype.focus = function () {
        kb.steals++;
        kb.inPageFocus++;
        try {
          return native.apply(this, arguments);
        } finally {
          kb.inPageFocus--;
        }
      };
    });
    walk();
    // Scripts may react to focus changes after a delay (a blur handler with a timer); Python waits for them.
    var scripted = document.scripts.length > 0 ||
      !!document.querySelector("[onblur], [onfocus], [onfocusin], [onfocusout], [onkeydown], [onkeyup]");
    return { count: kb.stops.length, total: found.total, frames: found.frames, scripted: scripted };
  }

  // Focus every stop in tab order, as the Tab key would, and offer each a Tab keydown. Focus moved by script
  // matches :focus-visible like keyboard focus as long as no pointer was used, and Selenium never moves one.
  // A page that cancels Tab, or pulls focus back (counted as steals), gets a real key-by-key walk from Python.
  function walk() {
    for (var i = 0; i < kb.stops.length; i++) {
      var el = kb.stops[i];
      nativeFocus(el, { preventScroll: true });
      if (document.activeElement !== el) continue;
      var event = new KeyboardEvent("keydown", { key: "Tab", code: "Tab", keyCode: 9, which: 9, bubbles: true,
        cancelable: true });
      el.dispatchEvent(event);
      if (event.defaultPrevented) kb.prevented++;
    }
    // Leave the last stop too, so that its blur handler runs like the others'.
    if (document.activeElement && document.activeElement !== document.body && document.activeElement.blur) {
      document.activeElement.blur();
    }
  }

  // focus() of the element's own kind, as the browser defines it (not the counting wrapper above).
  function nativeFocus(el, options) {
    for (var i = 0; kb && i < kb.natives.length; i++) {
      if (kb.natives[i][0].isPrototypeOf(el)) return kb.natives[i][1].call(el, options);
    }
    return el.focus(options);
  }

  function keyboardTeardown() {
    if (!kb) return;
    document.removeEventListener("focusin", kb.onFocus, true);
    kb.natives.forEach(function (pair) { pair[0].focus = pair[1]; });
    kb.observer.disconnect();
    if (kb.style.parentNode) kb.style.parentNode.removeChild(kb.style);
  }

  function keyboardLog() {
    if (!kb) return null;
    var visited = {};
    var noIndicator = {};
    for (var i = 0; i < kb.log.length; i++) {
      var entry = kb.log[i];
      if (entry.index < 0) continue;
      visited[entry.index] = true;
      if (!entry.stolen && !entry.changed && !entry.mutated) noIndicator[entry.index] = true;
      else noIndicator[entry.index] = false;
    }
    var missing = [];
    var noFocus = [];
    for (var s = 0; s < kb.stops.length; s++) {
      if (!visited[s]) missing.push(s);
      else if (noIndicator[s]) noFocus.push(describe(kb.stops[s]));
    }
    return { count: kb.stops.length, focusEvents: kb.log.length, steals: kb.steals, prevented: kb.prevented,
      missing: missing.length, noIndicator: noFocus };
  }

  // Index of the focused element among the tab stops; -1 when nothing in the page has focus, -2 for other.
  function activeIndex() {
    var el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement || !document.hasFocus()) return -1;
    var index = kb ? kb.stops.indexOf(el) : -2;
    return index >= 0 ? index : -2;
  }

  function stops(indexes) {
    return indexes.map(function (i) { return kb && kb.stops[i] ? describe(kb.stops[i]) : null; });
  }

  // Same-page links among the trapping stops: activating them may reveal how to leave the trap.
  function activateHelp(indexes) {
    var clicked = 0;
    indexes.forEach(function (i) {
      var el = kb && kb.stops[i];
      if (!el || el.localName !== "a") return;
      var href = (el.getAttribute("href") || "").trim();
      if (href.charAt(0) === "#" || /^javascript:/i.test(href)) {
        el.click();
        clicked++;
      }
    });
    return clicked;
  }

  function focusStop(index) {
    var el = kb && kb.stops[index];
    if (el) nativeFocus(el);
    return activeIndex();
  }

  // keyboardSetup, then (when the page has scripts that may react to focus later) a pause of settleMs, then
  // keyboardLog (null without tab stops), as one asynchronous call. The walk stays set up when it suspects a trap
  // (Python then presses real keys and tears it down); otherwise it is torn down here.
  function keyboardRun(limit, settleMs, done) {
    var setup = keyboardSetup(limit);
    function finish() {
      var log = setup.count ? keyboardLog() : null;
      if (!log || !(log.steals || log.prevented)) keyboardTeardown();
      done(log);
    }
    if (setup.count && setup.scripted) nativeSetTimeout(finish, settleMs);
    else finish();
  }

  // What the 640x512 viewport (200% zoom) is measured for; orientation targets do not depend on the viewport.
  function zoomed() {
    return { clipped: clippedText(), orientation: orientationTargets() };
  }

  // ---- axe-core results -----------------------------------------------------------------------------------
  // axe.run with `options`, its results cut to the fields Python reads, and each violation and needs-review node
  // given its Kasauti path. axe's full results (check data, related nodes) run to ~100 KB on a page with many
  // findings, all serialised through chromedriver; the cut is a few KB. Passed and inapplicable rules keep one
  // empty node per node, for the count. A rejected axe.run comes back as {__kasauti_error}.
  //
  // On a page without frames or shadow roots every node is in this document, so axe is asked for element
  // references instead of its unique selectors (~15% of axe's time on a page with many findings), and the node's
  // target is its Kasauti path, a selector too. Frames and shadow DOM keep axe's selectors: a frame's nodes reach
  // this document only as selectors, and a shadow tree's need axe's nested form.
  function axeRun(options, done) {
    var local = !window.frames.length && !hasShadowRoots();
    var run = local ? Object.assign({}, options, { selectors: false, elementRef: true }) : options;
    window.axe.run(document, run).then(function (results) {
      done(slimAxe(results, local));
    }, function (e) {
      done({ __kasauti_error: String((e && e.message) || e) });
    });
  }

  function hasShadowRoots() {
    var all = document.getElementsByTagName("*");
    for (var i = 0; i < all.length; i++) if (all[i].shadowRoot) return true;
    return false;
  }

  function slimRule(rule, nodes) {
    return { id: rule.id, impact: rule.impact, tags: rule.tags, help: rule.help, description: rule.description,
      helpUrl: rule.helpUrl, nodes: nodes };
  }

  function slimAxe(results, local) {
    var slim = { __kasauti_checks: true };
    ["violations", "incomplete"].forEach(function (key) {
      slim[key] = (results[key] || []).map(function (rule) {
        return slimRule(rule, (rule.nodes || []).map(function (node) {
          var target = node.target || [];
          var where = local && node.element && node.element.nodeType === 1 ? path(node.element) : null;
          if (where) target = [where];
          var out = { target: target, html: node.html, impact: node.impact, failureSummary: node.failureSummary,
            path: where || paths([target])[0] };
          if (rule.id === "color-contrast") { // its check data says why a node needs review (BRW006 reads it)
            out.any = (node.any || []).slice(0, 1).map(function (check) { return { data: check.data }; });
          }
          return out;
        }));
      });
    });
    ["passes", "inapplicable"].forEach(function (key) {
      slim[key] = (results[key] || []).map(function (rule) {
        return slimRule(rule, (rule.nodes || []).map(function () { return {}; }));
      });
    });
    return slim;
  }

  function visibleText() {
    return document.body ? (document.body.innerText || "").slice(0, 20000) : "";
  }

  window.__kasauti = {
    path: path, paths: paths, reflow: reflow, clippedText: clippedText, orientationTargets: orientationTargets,
    rotations: rotations, contrastPrepare: contrastPrepare, contrastRestore: contrastRestore,
    keyboardSetup: keyboardSetup, keyboardRun: keyboardRun, zoomed: zoomed, axeRun: axeRun,
    keyboardLog: keyboardLog, keyboardTeardown: keyboardTeardown, activeIndex: activeIndex, stops: stops,
    activateHelp: activateHelp, focusStop: focusStop, visibleText: visibleText
  };
})();
