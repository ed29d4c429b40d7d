// launchguard's status page, live: asks for this same page every second and swaps in its <main>,
// so a state change shows within two seconds while the reader keeps their place (scroll position,
// open <details>, selection outside <main>). Without scripts the page reloads itself instead.
(function () {
  'use strict';
  var PERIOD_MS = 1000;
  var body = document.body;
  var live = document.getElementById('live');
  var inFlight = false;
  var lastGood = Date.now();

  function clock(ms) {
    return new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  }

  function say(text, stale) {
    if (live) {
      live.textContent = text;
    }
    body.classList.toggle('stale', stale);
  }

  function openDetails(root) {
    var open = {};
    root.querySelectorAll('details[id]').forEach(function (d) { open[d.id] = d.open; });
    return open;
  }

  function swap(html) {
    var doc = new DOMParser().parseFromString(html, 'text/html');
    var fresh = doc.querySelector('main');
    var main = document.querySelector('main');
    if (!fresh || !main) {
      throw new Error('the answer holds no page');
    }
    var open = openDetails(main);
    main.replaceChildren.apply(main, Array.prototype.map.call(fresh.childNodes, function (n) {
      return document.importNode(n, true);
    }));
    main.querySelectorAll('details[id]').forEach(function (d) {
      if (Object.prototype.hasOwnProperty.call(open, d.id)) {
        d.open = open[d.id];
      }
    });
    if (doc.title) {
      document.title = doc.title;
    }
  }

  function tick() {
    if (inFlight || document.hidden) {
      return;
    }
    inFlight = true;
    fetch(location.pathname + location.search, { cache: 'no-store', credentials: 'same-origin' })
      .then(function (r) {
        if (!r.ok) {
          throw new Error('HTTP ' + r.status);
        }
        return r.text();
      })
      .then(function (html) {
        swap(html);
        lastGood = Date.now();
        say('live · updated ' + clock(lastGood), false);
      })
      .catch(function (e) {
        say('launchguard did not answer (' + e.message + '): what you see is from ' + clock(lastGood), true);
      })
      .then(function () { inFlight = false; });
  }

  body.dataset.live = 'on';
  say('live · updated ' + clock(lastGood), false);
  setInterval(tick, PERIOD_MS);
  document.addEventListener('visibilitychange', tick);
}());
