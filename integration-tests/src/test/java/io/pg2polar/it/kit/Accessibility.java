package io.pg2polar.it.kit;

import java.util.List;

/**
 * Checks a page in a real browser for what a keyboard or screen reader user needs and a reader with low vision can
 * read: every control, link, progress bar and chart has an accessible name, and every text shown meets WCAG AA
 * contrast (4.5:1, 3:1 for large text) against the background it is drawn on.
 */
public final class Accessibility {

    /** Each element that fails, described; the script runs in the page. */
    private static final String PROBLEMS = """
            var problems = [];
            function visible(e) { var r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden'; }
            function describe(e) { return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && e.className.baseVal === undefined ? '.' + String(e.className).split(' ').join('.') : ''); }
            function named(e) {
              if ((e.getAttribute('aria-label') || '').trim()) { return true; }
              var by = e.getAttribute('aria-labelledby');
              if (by && by.split(' ').some(function (id) { var l = document.getElementById(id); return l && l.textContent.trim(); })) { return true; }
              if (e.labels && Array.prototype.some.call(e.labels, function (l) { return l.textContent.trim(); })) { return true; }
              if (e.tagName === 'SELECT' || e.tagName === 'INPUT') { return (e.getAttribute('title') || '').trim() !== ''; }
              return e.textContent.trim() !== '';
            }
            document.querySelectorAll('button, input, select, textarea, a[href], [role=progressbar], svg[role=img], [tabindex]').forEach(function (e) {
              if (visible(e) && e.type !== 'hidden' && !named(e) && e.id !== 'main') { problems.push('no accessible name: ' + describe(e)); }
            });
            function rgb(c) { var m = c.match(/[0-9.]+/g); return m ? m.map(Number) : [0, 0, 0, 0]; }
            function luminance(c) {
              var v = c.slice(0, 3).map(function (x) { x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); });
              return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
            }
            function background(e) {
              for (; e && e.nodeType === 1; e = e.parentElement) {
                var c = rgb(getComputedStyle(e).backgroundColor);
                if (c.length < 4 || c[3] > 0.5) { return c; }
              }
              return [255, 255, 255];
            }
            document.querySelectorAll('body *').forEach(function (e) {
              var own = Array.prototype.some.call(e.childNodes, function (n) { return n.nodeType === 3 && n.textContent.trim(); });
              if (!own || !visible(e) || e.disabled || e.closest('svg, .visually-hidden, [hidden]')) { return; }
              var style = getComputedStyle(e);
              var a = luminance(rgb(style.color)), b = luminance(background(e));
              var ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
              var size = parseFloat(style.fontSize), bold = parseInt(style.fontWeight, 10) >= 700;
              var needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
              if (ratio < needed) { problems.push('contrast ' + ratio.toFixed(2) + ' < ' + needed + ': ' + describe(e) + ' "' + e.textContent.trim().substring(0, 40) + '"'); }
            });
            return problems;""";

    private Accessibility() {}

    /** What the page shown fails, one line each; empty when nothing. */
    @SuppressWarnings("unchecked")
    public static List<String> problems(HeadlessChromium browser) {
        return (List<String>) browser.script(PROBLEMS);
    }
}
