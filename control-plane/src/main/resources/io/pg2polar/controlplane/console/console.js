/*
 * pg2polar migration console: plain JavaScript, no build step, no dependency. It reads the worker's REST API of the
 * same origin (/pg2polar/... and Connect's /connectors/...) and builds the page with DOM calls only (no innerHTML),
 * so no text from a database or a connector can become markup.
 */
(function () {
  'use strict';

  var REFRESH_MS = 3000;
  var JOB_POLL_MS = 1000;
  var RATE_WINDOW_MS = 60000;
  var LAG_WINDOW_MS = 3600000;
  var LAG_GAP_MS = 15000;
  var ROW_HEIGHT = 40;

  // ---------------------------------------------------------------- DOM helpers

  function h(tag, attrs) {
    var element = document.createElement(tag);
    setAttributes(element, attrs);
    for (var i = 2; i < arguments.length; i++) {
      append(element, arguments[i]);
    }
    return element;
  }

  function svg(tag, attrs) {
    var element = document.createElementNS('http://www.w3.org/2000/svg', tag);
    setAttributes(element, attrs);
    for (var i = 2; i < arguments.length; i++) {
      append(element, arguments[i]);
    }
    return element;
  }

  function setAttributes(element, attrs) {
    if (!attrs) {
      return;
    }
    Object.keys(attrs).forEach(function (name) {
      var value = attrs[name];
      if (value === null || value === undefined || value === false) {
        return;
      }
      if (name.indexOf('on') === 0 && typeof value === 'function') {
        element.addEventListener(name.substring(2), value);
      } else if (name === 'text') {
        element.textContent = value;
      } else if (name === 'value' && 'value' in element) {
        element.value = value;
      } else if (value === true) {
        element.setAttribute(name, '');
      } else {
        element.setAttribute(name, String(value));
      }
    });
  }

  /** Appends each child after the parent: nodes, text, or arrays of them; null and false are left out. */
  function append(parent) {
    for (var i = 1; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined || child === false) {
        continue;
      }
      if (Array.isArray(child)) {
        child.forEach(function (c) { append(parent, c); });
      } else if (child instanceof Node) {
        parent.appendChild(child);
      } else {
        parent.appendChild(document.createTextNode(String(child)));
      }
    }
  }

  function clear(element) {
    while (element.firstChild) {
      element.removeChild(element.firstChild);
    }
    return element;
  }

  function replace(element) {
    clear(element);
    for (var i = 1; i < arguments.length; i++) {
      append(element, arguments[i]);
    }
    return element;
  }

  function announce(message) {
    var region = document.getElementById('announce');
    region.textContent = '';
    window.setTimeout(function () { region.textContent = message; }, 50);
  }

  // ---------------------------------------------------------------- formatting

  var numberFormat = new Intl.NumberFormat('en-US');

  function num(value) {
    return value === null || value === undefined || isNaN(value) ? '–' : numberFormat.format(Math.round(value));
  }

  function duration(ms) {
    if (ms === null || ms === undefined || isNaN(ms)) {
      return '–';
    }
    if (ms < 1000) {
      return Math.round(ms) + ' ms';
    }
    var s = ms / 1000;
    if (s < 60) {
      return (s < 10 ? Math.round(s * 10) / 10 : Math.round(s)) + ' s';
    }
    var m = Math.floor(s / 60);
    if (m < 60) {
      return m + ' min ' + Math.round(s - m * 60) + ' s';
    }
    var hours = Math.floor(m / 60);
    return hours + ' h ' + (m - hours * 60) + ' min';
  }

  function bytes(value) {
    if (value === null || value === undefined || isNaN(value)) {
      return '–';
    }
    var units = ['bytes', 'kB', 'MB', 'GB', 'TB'];
    var i = 0;
    while (value >= 1024 && i < units.length - 1) {
      value /= 1024;
      i++;
    }
    return (i === 0 ? value : value.toFixed(1)) + ' ' + units[i];
  }

  function clock(millis) {
    if (!millis) {
      return '–';
    }
    return new Date(millis).toLocaleTimeString('en-GB', { hour12: false });
  }

  function rate(perSecond) {
    if (perSecond === null || perSecond === undefined || isNaN(perSecond)) {
      return '–';
    }
    return (perSecond >= 100 ? num(perSecond) : perSecond.toFixed(1)) + '/s';
  }

  var PHASE_BADGE = {
    'incremental': 'ok', 'completed': 'ok', 'full-load': 'run', 'schema': '', 'pending': '', 'paused': 'warn', 'failed': 'bad', 'unknown': '',
    'incomplete': 'warn', 'unsubscribed': 'bad'
  };
  var STATE_BADGE = { 'RUNNING': 'ok', 'PAUSED': 'warn', 'STOPPED': 'warn', 'FAILED': 'bad', 'UNASSIGNED': '', 'RESTARTING': 'run', 'MISSING': 'bad' };
  var CHECK_BADGE = { 'PASS': 'ok', 'WARN': 'warn', 'FAIL': 'bad' };
  var RESULT_BADGE = { 'EQUAL': 'ok', 'DIFFERENT': 'bad', 'SKIPPED': 'warn' };
  var STEP_BADGE = { 'done': 'ok', 'would': 'run', 'skipped': '', 'failed': 'bad', 'running': 'run', 'pending': '' };

  function badge(text, kind, extra) {
    return h('span', { 'class': 'badge ' + (kind || '') + (extra ? ' ' + extra : '') }, text);
  }

  // ---------------------------------------------------------------- REST calls

  /** The worker's root and pg2polar's root, without any user name or password the page's own address may carry. */
  function baseUrl(relative) {
    var url = new URL(relative, window.location.href);
    url.username = '';
    url.password = '';
    url.hash = '';
    url.search = '';
    return url;
  }

  var PG2POLAR = baseUrl('../');
  var WORKER = baseUrl('../../');

  function enc(segment) {
    return encodeURIComponent(segment);
  }

  function query(params) {
    var parts = [];
    Object.keys(params).forEach(function (key) {
      if (params[key] !== null && params[key] !== undefined && params[key] !== '') {
        parts.push(enc(key) + '=' + enc(params[key]));
      }
    });
    return parts.length ? '?' + parts.join('&') : '';
  }

  /** Calls the REST API; resolves to the parsed body, or to {status, body} with options.withStatus; rejects with the message. */
  function call(method, url, options) {
    options = options || {};
    return window.fetch(url, {
      method: method,
      headers: { 'Accept': 'application/json', 'Content-Type': 'application/json' },
      credentials: 'same-origin',
      cache: 'no-store'
    }).then(function (response) {
      return response.text().then(function (text) {
        var body = null;
        try {
          body = text ? JSON.parse(text) : null;
        } catch (e) {
          body = null;
        }
        var allowed = options.allow || [];
        if (!response.ok && allowed.indexOf(response.status) < 0) {
          var error = new Error(messageOf(method, url, response.status, body, text));
          error.status = response.status;
          error.body = body;
          throw error;
        }
        return options.withStatus ? { status: response.status, body: body } : body;
      });
    });
  }

  function messageOf(method, url, status, body, text) {
    if (status === 401) {
      return 'The worker refused the call (HTTP 401): its REST API asks for a user name and password. Reload the page and log in with'
        + ' the worker\'s REST credentials.';
    }
    if (status === 403) {
      return 'The worker refused the call (HTTP 403): this user may not ' + method + ' ' + new URL(url).pathname + '.';
    }
    var message = body && body.message ? body.message : (text || '').substring(0, 300);
    return method + ' ' + new URL(url).pathname + ' answered HTTP ' + status + (message ? ': ' + message : '');
  }

  var api = {
    migrations: function () { return call('GET', PG2POLAR + 'migrations'); },
    status: function (name) { return call('GET', PG2POLAR + 'migrations/' + enc(name)); },
    lag: function (name, since) { return call('GET', PG2POLAR + 'migrations/' + enc(name) + '/lag' + query({ sinceMillis: since })); },
    precheck: function (name) { return call('GET', PG2POLAR + 'migrations/' + enc(name) + '/precheck'); },
    jobs: function (name) { return call('GET', PG2POLAR + 'migrations/' + enc(name) + '/jobs'); },
    job: function (name, id) { return call('GET', PG2POLAR + 'migrations/' + enc(name) + '/jobs/' + enc(id)); },
    startVerify: function (name, params) {
      return call('POST', PG2POLAR + 'migrations/' + enc(name) + '/jobs/verify' + query(params), { allow: [409], withStatus: true });
    },
    dryRun: function (name, params) {
      params.dryRun = 'true';
      return call('POST', PG2POLAR + 'migrations/' + enc(name) + '/cutover' + query(params), { allow: [409] });
    },
    startCutover: function (name, params) {
      return call('POST', PG2POLAR + 'migrations/' + enc(name) + '/jobs/cutover' + query(params), { allow: [409], withStatus: true });
    },
    connector: function (method, name, action) {
      return call(method, WORKER + 'connectors/' + enc(name) + '/' + action);
    }
  };

  // ---------------------------------------------------------------- the page frame

  var app = {
    view: null,
    route: null,
    timer: null,
    busy: false
  };

  function showBanner(message) {
    var banner = document.getElementById('banner');
    if (message) {
      banner.textContent = message;
      banner.hidden = false;
    } else {
      banner.hidden = true;
      banner.textContent = '';
    }
  }

  function setCrumbs(items) {
    var list = clear(document.getElementById('crumbs'));
    items.forEach(function (item, i) {
      var last = i === items.length - 1;
      append(list, h('li', null, last ? h('span', { 'aria-current': 'page' }, item.text) : h('a', { href: item.href }, item.text)));
    });
  }

  function parseRoute() {
    var parts = window.location.hash.replace(/^#\/?/, '').split('/').filter(function (p) { return p !== ''; }).map(decodeURIComponent);
    if (parts[0] === 'm' && parts[1]) {
      var tab = ['tables', 'precheck', 'verify', 'cutover'].indexOf(parts[2]) >= 0 ? parts[2] : 'tables';
      return { view: 'migration', name: parts[1], tab: tab };
    }
    return { view: 'list' };
  }

  function navigate() {
    var route = parseRoute();
    var main = document.getElementById('main');
    if (app.view && route.view === 'migration' && app.route && app.route.view === 'migration' && app.route.name === route.name) {
      app.route = route;
      app.view.showTab(route.tab);
      return;
    }
    if (app.view && app.view.unmount) {
      app.view.unmount();
    }
    app.route = route;
    app.view = route.view === 'migration' ? new MigrationView(route.name, route.tab) : new ListView();
    clear(main);
    app.view.mount(main);
    main.focus({ preventScroll: true });
    refresh();
  }

  function refresh() {
    if (!app.view) {
      return Promise.resolve();
    }
    var view = app.view;
    app.busy = true;
    return view.refresh().then(function () {
      showBanner(null);
      document.getElementById('updated').textContent = 'Updated ' + clock(Date.now());
    }, function (error) {
      showBanner(error.message);
    }).then(function () {
      app.busy = false;
    });
  }

  function schedule() {
    window.clearTimeout(app.timer);
    app.timer = window.setTimeout(function tick() {
      var auto = document.getElementById('auto').checked;
      var pending = auto && !document.hidden && !app.busy ? refresh() : Promise.resolve();
      pending.then(function () {
        app.timer = window.setTimeout(tick, REFRESH_MS);
      });
    }, REFRESH_MS);
  }

  // ---------------------------------------------------------------- migrations list

  function ListView() {
    this.body = null;
  }

  ListView.prototype.mount = function (main) {
    document.title = 'Migrations · pg2polar console';
    setCrumbs([{ text: 'Migrations' }]);
    this.body = h('tbody', null, h('tr', null, h('td', { colspan: 7, 'class': 'muted' }, 'Loading…')));
    append(main,
      h('div', { 'class': 'title-row' }, h('h1', null, 'Migrations')),
      h('p', { 'class': 'muted' }, 'Each migration is a pair of connectors, ', h('code', null, '<name>-source'), ' and ', h('code', null, '<name>-sink'),
        ', on this Connect cluster. Select one to see its tables, checks and cutover.'),
      h('div', { 'class': 'panel' },
        h('table', { 'class': 'list', id: 'migrations' },
          h('caption', { 'class': 'visually-hidden' }, 'Migrations with their phase, lag, connectors and errors'),
          h('thead', null, h('tr', null,
            h('th', { scope: 'col' }, 'Migration'), h('th', { scope: 'col' }, 'Phase'), h('th', { scope: 'col', 'class': 'num' }, 'Lag'),
            h('th', { scope: 'col' }, 'Source connector'), h('th', { scope: 'col' }, 'Sink connector'), h('th', { scope: 'col' }, 'Tables'),
            h('th', { scope: 'col' }, 'Errors'))),
          this.body)));
  };

  ListView.prototype.refresh = function () {
    var body = this.body;
    return api.migrations().then(function (answer) {
      var migrations = answer.migrations || [];
      if (!migrations.length) {
        replace(body, h('tr', null, h('td', { colspan: 7, 'class': 'muted' },
          'No migration on this Connect cluster yet: create the connectors <name>-source and <name>-sink (see connect-configs/).')));
        return;
      }
      replace(body, migrations.map(function (m) {
        var connectors = m.connectors || {};
        return h('tr', { 'data-migration': m.migration },
          h('th', { scope: 'row' }, h('a', { href: '#/m/' + enc(m.migration) }, m.migration)),
          h('td', null, badge(m.phase, PHASE_BADGE[m.phase])),
          h('td', { 'class': 'num' }, duration(m.lagMillis)),
          h('td', null, connectorSummary(connectors.source)),
          h('td', null, connectorSummary(connectors.sink)),
          h('td', null, phaseSummary(m.tablesByPhase, m.tableCount)),
          h('td', null, errorList(m.errors)));
      }));
    });
  };

  function connectorSummary(connector) {
    if (!connector) {
      return '–';
    }
    var tasks = connector.tasks || [];
    var running = tasks.filter(function (t) { return t.state === 'RUNNING'; }).length;
    return h('div', null,
      h('div', { 'class': 'mono' }, connector.name),
      badge(connector.state, STATE_BADGE[connector.state]), ' ',
      connector.state === 'MISSING' ? null : h('span', { 'class': 'muted' }, running + ' of ' + tasks.length + ' tasks running'));
  }

  function phaseSummary(byPhase, total) {
    if (!byPhase || total === undefined) {
      return '–';
    }
    var order = ['incremental', 'completed', 'full-load', 'schema', 'pending', 'unsubscribed'];
    var bar = h('div', { 'class': 'phases', 'aria-hidden': 'true' });
    var words = [];
    order.forEach(function (phase) {
      var count = byPhase[phase] || 0;
      if (count > 0) {
        var part = h('span', { 'class': 'p-' + phase, title: count + ' ' + phase });
        part.style.width = (100 * count / Math.max(1, total)) + '%';
        bar.appendChild(part);
        words.push(num(count) + ' ' + phase);
      }
    });
    return h('div', null, h('div', null, num(total) + ' tables'), bar, h('div', { 'class': 'muted' }, words.join(', ')));
  }

  function errorList(errors) {
    if (!errors || !errors.length) {
      return h('span', { 'class': 'muted' }, 'none');
    }
    return h('ul', { 'class': 'errors' }, errors.map(function (e) { return h('li', null, e); }));
  }

  // ---------------------------------------------------------------- one migration

  function MigrationView(name, tab) {
    this.name = name;
    this.tab = tab;
    this.status = null;
    this.tabs = {
      tables: new TablesTab(this),
      precheck: new PrecheckTab(this),
      verify: new VerifyTab(this),
      cutover: new CutoverTab(this)
    };
    this.chart = new LagChart(name);
  }

  MigrationView.prototype.mount = function (main) {
    var self = this;
    setCrumbs([{ text: 'Migrations', href: '#/' }, { text: this.name }]);
    this.phase = h('span', null);
    this.pauseButton = h('button', { type: 'button', 'class': 'button secondary', onclick: function () { self.togglePause(); } }, 'Pause');
    this.cards = h('div', { 'class': 'cards' });
    this.flow = h('ol', { 'class': 'flow', 'aria-label': 'Data flow from the source to the target, with live counters' });
    this.errors = h('div', null);
    this.tabNav = h('nav', { 'class': 'tabs', 'aria-label': 'Views of migration ' + this.name });
    this.panel = h('section', { id: 'tab-panel', 'aria-live': 'off' });
    [['tables', 'Tables'], ['precheck', 'Precheck'], ['verify', 'Verify'], ['cutover', 'Cutover']].forEach(function (t) {
      append(self.tabNav, h('a', { href: '#/m/' + enc(self.name) + '/' + t[0], 'data-tab': t[0] }, t[1]));
    });
    append(main,
      h('div', { 'class': 'title-row' },
        h('h1', null, 'Migration ', h('span', { 'class': 'mono' }, this.name)), this.phase,
        h('div', { 'class': 'actions' }, this.pauseButton)),
      this.cards,
      h('div', { 'class': 'panel' }, h('h2', null, 'Data flow'), this.flow),
      this.errors,
      h('div', { 'class': 'panel' }, this.chart.mount()),
      this.tabNav,
      this.panel);
    this.showTab(this.tab);
  };

  MigrationView.prototype.unmount = function () {
    Object.keys(this.tabs).forEach(function (key) { this.tabs[key].hide(); }, this);
  };

  MigrationView.prototype.showTab = function (tab) {
    var self = this;
    if (this.current) {
      this.current.hide();
    }
    this.tab = tab;
    document.title = this.name + ' · ' + tab + ' · pg2polar console';
    Array.prototype.forEach.call(this.tabNav.querySelectorAll('a'), function (link) {
      if (link.getAttribute('data-tab') === tab) {
        link.setAttribute('aria-current', 'page');
      } else {
        link.removeAttribute('aria-current');
      }
    });
    clear(this.panel);
    this.current = this.tabs[tab];
    this.current.show(this.panel);
    if (this.status) {
      this.current.update(this.status);
    }
    window.setTimeout(function () { self.panel.setAttribute('data-tab', tab); }, 0);
  };

  MigrationView.prototype.refresh = function () {
    var self = this;
    return api.status(this.name).then(function (status) {
      self.status = status;
      // the tables tab samples every refresh, shown or not: throughput and ETA need the history
      self.tabs.tables.update(status);
      self.render(status);
      if (self.current !== self.tabs.tables) {
        self.current.update(status);
      }
      return self.chart.refresh(status).catch(function (error) {
        self.chart.problem(error.message);
      });
    });
  };

  MigrationView.prototype.render = function (status) {
    replace(this.phase, badge(status.phase, PHASE_BADGE[status.phase], 'big'));
    var connectors = status.connectors || {};
    var states = [connectors.source, connectors.sink].filter(function (c) { return c && c.state !== 'MISSING'; });
    var anyRunning = states.some(function (c) { return c.state === 'RUNNING' || c.state === 'FAILED'; });
    this.pauseButton.textContent = anyRunning || !states.length ? 'Pause both connectors' : 'Resume both connectors';
    this.pauseButton.setAttribute('data-action', anyRunning || !states.length ? 'pause' : 'resume');
    this.pauseButton.disabled = !states.length;

    var totals = status.totals || {};
    var tables = status.tables || [];
    var estimate = 0;
    tables.forEach(function (t) { estimate += t.sourceRows || 0; });
    var byPhase = status.tablesByPhase || {};
    var loaded = (byPhase.incremental || 0) + (byPhase.completed || 0);
    var overall = this.tabs.tables.overallRate();
    replace(this.cards,
      card('Lag', duration(status.lagMillis), 'how far the target is behind the source', 'card-lag'),
      card('Tables loaded', num(loaded) + ' of ' + num(tables.length), phaseWords(byPhase), 'card-tables'),
      card('Rows loaded', num(totals.snapshotRows || 0), estimate ? 'of about ' + num(estimate) + ' on the source'
        + (overall && status.phase === 'full-load' ? ', ' + rate(overall) + ' rows' : '') : 'no estimate yet', 'card-rows'),
      card('Changes applied', num((totals.inserts || 0) + (totals.updates || 0) + (totals.deletes || 0)),
        num(totals.inserts || 0) + ' inserts, ' + num(totals.updates || 0) + ' updates, ' + num(totals.deletes || 0) + ' deletes', 'card-changes'),
      card('WAL held on the source', bytes(status.source && status.source.retainedWalBytes), 'by slot ' + ((status.source && status.source.slot) || '–'),
        'card-wal'));
    this.renderFlow(status);
    this.renderErrors(status);
  };

  function card(label, value, note, id) {
    return h('div', { 'class': 'card', id: id }, h('div', { 'class': 'label' }, label), h('div', { 'class': 'value' }, value),
      h('div', { 'class': 'note' }, note));
  }

  function phaseWords(byPhase) {
    var words = [];
    Object.keys(byPhase).sort().forEach(function (phase) {
      words.push(num(byPhase[phase]) + ' ' + phase);
    });
    return words.join(', ') || 'no tables';
  }

  function pairs(list) {
    return h('dl', null, list.map(function (pair) { return [h('dt', null, pair[0]), h('dd', null, pair[1])]; }));
  }

  function taskWords(connector) {
    if (!connector || connector.state === 'MISSING') {
      return 'not created';
    }
    var tasks = connector.tasks || [];
    var running = tasks.filter(function (t) { return t.state === 'RUNNING'; }).length;
    return running + ' of ' + tasks.length + ' running';
  }

  MigrationView.prototype.renderFlow = function (status) {
    var source = status.source || {};
    var connectors = status.connectors || {};
    var totals = status.totals || {};
    var heartbeat = status.heartbeat || {};
    replace(this.flow,
      h('li', { id: 'flow-source' }, h('div', { 'class': 'node-title' }, 'Source PostgreSQL'),
        pairs([['Slot', source.slotActive === true ? 'active' : source.slotActive === false ? 'inactive' : 'none'],
          ['WAL held', bytes(source.retainedWalBytes)], ['Heartbeat', clock(heartbeat.sourceWrittenAtMillis)]])),
      h('li', { id: 'flow-source-connector' }, h('div', { 'class': 'node-title' }, 'Source connector'),
        connectors.source ? badge(connectors.source.state, STATE_BADGE[connectors.source.state]) : null,
        pairs([['Tasks', taskWords(connectors.source)], ['Tables', num((status.tables || []).length)]])),
      h('li', { id: 'flow-kafka' }, h('div', { 'class': 'node-title' }, 'Kafka'),
        pairs([['Topics', num((status.tables || []).length) + ' tables'], ['Applied up to', clock(heartbeat.appliedSourceMillis)]])),
      h('li', { id: 'flow-sink-connector' }, h('div', { 'class': 'node-title' }, 'Sink connector'),
        connectors.sink ? badge(connectors.sink.state, STATE_BADGE[connectors.sink.state]) : null,
        pairs([['Tasks', taskWords(connectors.sink)], ['Rejected', num(totals.rejected || 0)]])),
      h('li', { id: 'flow-target' }, h('div', { 'class': 'node-title' }, 'Target'),
        pairs([['Rows loaded', num(totals.snapshotRows || 0)], ['Inserted', num(totals.inserts || 0)], ['Updated', num(totals.updates || 0)],
          ['Deleted', num(totals.deletes || 0)], ['Lag', duration(status.lagMillis)]])));
  };

  MigrationView.prototype.renderErrors = function (status) {
    var connectors = status.connectors || {};
    var traces = [];
    [connectors.source, connectors.sink].forEach(function (c) {
      (c && c.tasks || []).forEach(function (task) {
        if (task.trace) {
          traces.push(h('details', null, h('summary', null, c.name + ' task ' + task.id + ' (' + task.state + ')'), h('pre', { 'class': 'trace' }, task.trace)));
        }
      });
    });
    if (!status.errors || !status.errors.length) {
      clear(this.errors);
      return;
    }
    replace(this.errors, h('div', { 'class': 'panel', id: 'errors' }, h('h2', null, 'Errors'), errorList(status.errors), traces));
  };

  MigrationView.prototype.togglePause = function () {
    var self = this;
    var action = this.pauseButton.getAttribute('data-action');
    var connectors = this.status && this.status.connectors || {};
    var names = [connectors.source, connectors.sink].filter(function (c) { return c && c.state !== 'MISSING'; }).map(function (c) { return c.name; });
    this.pauseButton.disabled = true;
    Promise.all(names.map(function (n) { return api.connector('PUT', n, action); })).then(function () {
      announce((action === 'pause' ? 'Pausing ' : 'Resuming ') + names.join(' and '));
      return refresh();
    }, function (error) {
      showBanner(error.message);
    }).then(function () {
      self.pauseButton.disabled = false;
    });
  };

  // ---------------------------------------------------------------- lag chart

  function LagChart(name) {
    this.name = name;
    this.points = [];
    this.nowMillis = null;
  }

  LagChart.prototype.mount = function () {
    this.caption = h('figcaption', { id: 'lag-caption' }, 'Lag over the last hour: loading…');
    this.svg = svg('svg', { viewBox: '0 0 1000 220', role: 'img', 'aria-labelledby': 'lag-caption', id: 'lag-chart' });
    return h('figure', { 'class': 'chart' }, h('h2', null, 'Lag, last hour'), this.caption, this.svg);
  };

  LagChart.prototype.problem = function (message) {
    this.caption.textContent = 'Lag over the last hour: ' + message;
  };

  LagChart.prototype.refresh = function (status) {
    var self = this;
    var since = this.points.length ? this.points[this.points.length - 1].at : null;
    return api.lag(this.name, since).then(function (answer) {
      var fresh = answer.points || [];
      fresh.forEach(function (p) {
        if (!self.points.length || p.at > self.points[self.points.length - 1].at) {
          self.points.push(p);
        }
      });
      self.nowMillis = answer.nowMillis || Date.now();
      var horizon = self.nowMillis - LAG_WINDOW_MS;
      while (self.points.length && self.points[0].at < horizon) {
        self.points.shift();
      }
      self.draw(status.lagMillis);
    });
  };

  LagChart.prototype.draw = function (currentLag) {
    var width = 1000;
    var height = 220;
    var left = 64;
    var right = 16;
    var top = 12;
    var bottom = 28;
    var now = this.nowMillis;
    var start = now - LAG_WINDOW_MS;
    var points = this.points.slice();
    var hasNow = currentLag !== null && currentLag !== undefined;
    var max = hasNow ? currentLag : 0;
    points.forEach(function (p) { max = Math.max(max, p.lagMillis); });
    var scale = niceScale(max);
    var x = function (t) { return left + (width - left - right) * (t - start) / LAG_WINDOW_MS; };
    var y = function (v) { return top + (height - top - bottom) * (1 - v / scale.max); };
    var svgElement = clear(this.svg);
    var axis = svg('g', { 'class': 'axis' });
    scale.ticks.forEach(function (v) {
      append(axis, svg('line', { 'class': 'grid-line', x1: left, x2: width - right, y1: y(v), y2: y(v) }),
        svg('text', { x: left - 8, y: y(v) + 4, 'text-anchor': 'end' }, duration(v)));
    });
    for (var minutes = 60; minutes >= 0; minutes -= 10) {
      var t = now - minutes * 60000;
      append(axis, svg('text', { x: x(t), y: height - 8, 'text-anchor': minutes === 60 ? 'start' : minutes === 0 ? 'end' : 'middle' },
        minutes === 0 ? 'now' : clock(t).substring(0, 5)));
    }
    svgElement.appendChild(axis);
    // one path per run of points without a gap: a gap means no heartbeat was applied (sink stopped or source not beating)
    var runs = [];
    var run = [];
    points.forEach(function (p, i) {
      if (i > 0 && p.at - points[i - 1].at > LAG_GAP_MS) {
        runs.push(run);
        run = [];
      }
      run.push(p);
    });
    if (run.length) {
      runs.push(run);
    }
    runs.forEach(function (r) {
      var line = r.map(function (p, i) { return (i ? 'L' : 'M') + x(p.at).toFixed(1) + ',' + y(p.lagMillis).toFixed(1); }).join(' ');
      var area = line + ' L' + x(r[r.length - 1].at).toFixed(1) + ',' + y(0) + ' L' + x(r[0].at).toFixed(1) + ',' + y(0) + ' Z';
      append(svgElement, svg('path', { 'class': 'area', d: area }), svg('path', { 'class': 'line', d: line }));
    });
    if (hasNow) {
      append(svgElement, svg('circle', { 'class': 'now', cx: x(now), cy: y(currentLag), r: 4 }));
    }
    if (!points.length) {
      append(svgElement, svg('text', { 'class': 'empty', x: width / 2, y: height / 2, 'text-anchor': 'middle' },
        'No heartbeat applied in the last hour yet'));
    }
    var highest = null;
    points.forEach(function (p) { if (!highest || p.lagMillis > highest.lagMillis) { highest = p; } });
    this.caption.textContent = 'Lag now ' + duration(currentLag) + (highest ? '; highest in the last hour ' + duration(highest.lagMillis)
      + ' at ' + clock(highest.at) : '') + '; ' + points.length + ' heartbeats applied in the last hour.';
    this.svg.setAttribute('data-points', String(points.length));
  };

  function niceScale(max) {
    var steps = [100, 200, 500, 1000, 2000, 5000, 10000, 15000, 30000, 60000, 120000, 300000, 600000, 900000, 1800000, 3600000, 7200000];
    var step = steps[steps.length - 1];
    for (var i = 0; i < steps.length; i++) {
      if (max <= steps[i] * 4) {
        step = steps[i];
        break;
      }
    }
    var top = Math.max(step, Math.ceil(max / step) * step);
    var ticks = [];
    for (var v = 0; v <= top + 1; v += step) {
      ticks.push(v);
    }
    return { max: top, ticks: ticks };
  }

  // ---------------------------------------------------------------- tables tab

  var PHASE_ORDER = { 'failed': 0, 'unsubscribed': 0, 'full-load': 1, 'schema': 2, 'pending': 3, 'incremental': 4, 'completed': 5 };

  var COLUMNS = [
    { key: 'name', label: 'Table', col: 'c-table' },
    { key: 'phase', label: 'Phase', col: 'c-phase' },
    { key: 'progress', label: 'Loaded', col: 'c-progress' },
    { key: 'rate', label: 'Rows/s', col: 'c-rate', num: true },
    { key: 'eta', label: 'ETA', col: 'c-eta', num: true },
    { key: 'latency', label: 'Latency', col: 'c-lat', num: true },
    { key: 'changes', label: 'Changes', col: 'c-changes', num: true }
  ];

  function TablesTab(view) {
    this.view = view;
    this.rows = [];
    this.shown = [];
    this.samples = {};
    this.totalSamples = [];
    this.sortKey = 'name';
    this.sortDir = 1;
    this.filterText = '';
    this.filterPhase = '';
    this.frame = null;
  }

  TablesTab.prototype.show = function (panel) {
    var self = this;
    this.filterInput = h('input', { type: 'search', id: 'table-filter', placeholder: 'schema.table', value: this.filterText,
      oninput: function () { self.filterText = this.value; self.arrange(); } });
    this.phaseSelect = h('select', { id: 'phase-filter', onchange: function () { self.filterPhase = this.value; self.arrange(); } },
      [['', 'All phases'], ['full-load', 'full-load'], ['schema', 'schema'], ['pending', 'pending'], ['incremental', 'incremental'],
        ['completed', 'completed'], ['unsubscribed', 'unsubscribed']].map(function (o) { return h('option', { value: o[0], selected: o[0] === self.filterPhase }, o[1]); }));
    this.count = h('div', { 'class': 'count', id: 'table-count', 'aria-live': 'polite' });
    this.head = h('tr', null, COLUMNS.map(function (c) {
      return h('th', { scope: 'col', 'class': c.num ? 'num' : null, 'data-key': c.key },
        h('button', { type: 'button', 'class': 'sort', onclick: function () { self.sortBy(c.key); } }, c.label));
    }));
    this.body = h('tbody', null);
    this.table = h('table', { 'class': 'grid', id: 'tables-grid', 'aria-label': 'Tables of migration ' + this.view.name },
      h('colgroup', null, COLUMNS.map(function (c) { return h('col', { 'class': c.col }); })),
      h('thead', null, this.head), this.body);
    this.scroller = h('div', { 'class': 'grid-scroll', tabindex: '0', role: 'region', 'aria-label': 'Tables, scrollable',
      onscroll: function () { self.scheduleRender(); } }, this.table);
    append(panel,
      h('div', { 'class': 'toolbar' },
        h('div', null, h('label', { 'for': 'table-filter' }, 'Filter by name'), this.filterInput),
        h('div', null, h('label', { 'for': 'phase-filter' }, 'Phase'), this.phaseSelect),
        this.count),
      this.scroller);
    this.markSort();
    this.arrange();
  };

  TablesTab.prototype.hide = function () {
    window.cancelAnimationFrame(this.frame);
    this.body = null;
  };

  /** Rows per second over the samples of the last minute (client clock): null until two samples lie 2 s apart. */
  function sampledRate(samples, now, value) {
    samples.push({ t: now, v: value });
    while (samples.length > 2 && now - samples[0].t > RATE_WINDOW_MS) {
      samples.shift();
    }
    var first = samples[0];
    var span = now - first.t;
    if (span < 2000) {
      return null;
    }
    return Math.max(0, (value - first.v) * 1000 / span);
  }

  TablesTab.prototype.overallRate = function () {
    return this.totalRate;
  };

  TablesTab.prototype.update = function (status) {
    var self = this;
    var now = Date.now();
    var keep = {};
    this.totalRate = sampledRate(this.totalSamples, now, (status.totals && status.totals.snapshotRows) || 0);
    this.rows = (status.tables || []).map(function (t) {
      var id = t.schema + '.' + t.table;
      keep[id] = true;
      var rows = t.snapshotRows || 0;
      var loaded = t.phase === 'incremental' || t.phase === 'completed';
      var chunked = t.chunksTotal > 0;
      var samples = self.samples[id] || (self.samples[id] = []);
      var unitsDone = chunked ? t.chunksDone : rows;
      var unitRate = sampledRate(samples, now, unitsDone);
      if (t.phase !== 'full-load') {
        unitRate = null;
      }
      var rowRate = chunked ? null : unitRate;
      var fraction = loaded ? 1 : chunked ? t.chunksDone / t.chunksTotal : t.sourceRows > 0 ? Math.min(1, rows / t.sourceRows) : 0;
      var left = chunked ? t.chunksTotal - t.chunksDone : (t.sourceRows || 0) - rows;
      var eta = !loaded && unitRate > 0 && left > 0 ? left * 1000 / unitRate : null;
      var changes = (t.inserts || 0) + (t.updates || 0) + (t.deletes || 0);
      return {
        id: id, name: id, target: t.targetTable ? t.targetSchema + '.' + t.targetTable : null, phase: t.phase, rows: rows, estimate: t.sourceRows,
        chunksDone: t.chunksDone, chunksTotal: t.chunksTotal, loaded: loaded, progress: fraction, rate: rowRate, eta: eta,
        latency: t.lagMillis, changes: changes, inserts: t.inserts || 0, updates: t.updates || 0, deletes: t.deletes || 0
      };
    });
    Object.keys(this.samples).forEach(function (id) {
      if (!keep[id]) {
        delete self.samples[id];
      }
    });
    if (this.body) {
      this.arrange();
    }
  };

  TablesTab.prototype.sortBy = function (key) {
    this.sortDir = this.sortKey === key ? -this.sortDir : 1;
    this.sortKey = key;
    this.markSort();
    this.arrange();
    announce('Sorted by ' + key + (this.sortDir > 0 ? ', ascending' : ', descending'));
  };

  TablesTab.prototype.markSort = function () {
    var self = this;
    Array.prototype.forEach.call(this.head.children, function (th) {
      var key = th.getAttribute('data-key');
      th.setAttribute('aria-sort', key === self.sortKey ? (self.sortDir > 0 ? 'ascending' : 'descending') : 'none');
    });
  };

  function compareValues(a, b) {
    var aMissing = a === null || a === undefined;
    var bMissing = b === null || b === undefined;
    if (aMissing || bMissing) {
      return aMissing === bMissing ? 0 : aMissing ? 1 : -1;
    }
    return a < b ? -1 : a > b ? 1 : 0;
  }

  /** Filters and sorts every table, then renders the visible rows; the time it took is kept for the tests (data-arrange-ms). */
  TablesTab.prototype.arrange = function () {
    if (!this.body) {
      return;
    }
    var started = window.performance.now();
    var text = this.filterText.trim().toLowerCase();
    var phase = this.filterPhase;
    var key = this.sortKey;
    var dir = this.sortDir;
    this.shown = this.rows.filter(function (r) {
      return (!text || r.name.toLowerCase().indexOf(text) >= 0 || (r.target && r.target.toLowerCase().indexOf(text) >= 0))
        && (!phase || r.phase === phase);
    });
    this.shown.sort(function (a, b) {
      var order;
      if (key === 'phase') {
        order = compareValues(PHASE_ORDER[a.phase], PHASE_ORDER[b.phase]);
      } else if (key === 'name') {
        order = compareValues(a.name, b.name);
      } else {
        order = compareValues(a[key], b[key]);
        if (order !== 0 && (a[key] === null || a[key] === undefined || b[key] === null || b[key] === undefined)) {
          return order;
        }
      }
      return order * dir || compareValues(a.name, b.name);
    });
    this.count.textContent = 'Showing ' + num(this.shown.length) + ' of ' + num(this.rows.length) + ' tables';
    this.table.setAttribute('aria-rowcount', String(this.shown.length + 1));
    this.render();
    this.table.setAttribute('data-arrange-ms', (window.performance.now() - started).toFixed(1));
  };

  TablesTab.prototype.scheduleRender = function () {
    var self = this;
    if (this.frame) {
      return;
    }
    this.frame = window.requestAnimationFrame(function () {
      self.frame = null;
      self.render();
    });
  };

  /** Renders only the rows in view (and a few around them): 2,000 tables cost what 30 do. */
  TablesTab.prototype.render = function () {
    if (!this.body) {
      return;
    }
    var total = this.shown.length;
    var viewport = this.scroller.clientHeight || 600;
    var scrolled = Math.max(0, this.scroller.scrollTop - this.head.offsetHeight);
    var first = Math.max(0, Math.floor(scrolled / ROW_HEIGHT) - 10);
    var last = Math.min(total, first + Math.ceil(viewport / ROW_HEIGHT) + 20);
    var rows = [];
    var top = h('tr', { 'class': 'spacer', 'aria-hidden': 'true' }, h('td', { colspan: COLUMNS.length }));
    top.firstChild.style.height = (first * ROW_HEIGHT) + 'px';
    rows.push(top);
    for (var i = first; i < last; i++) {
      rows.push(this.row(this.shown[i], i));
    }
    var bottom = h('tr', { 'class': 'spacer', 'aria-hidden': 'true' }, h('td', { colspan: COLUMNS.length }));
    bottom.firstChild.style.height = ((total - last) * ROW_HEIGHT) + 'px';
    rows.push(bottom);
    if (!total) {
      rows.splice(1, 0, h('tr', { 'class': 'row' }, h('td', { colspan: COLUMNS.length, 'class': 'muted' },
        this.rows.length ? 'No table matches the filter.' : 'No table captured yet.')));
    }
    replace(this.body, rows);
    this.table.setAttribute('data-rendered-rows', String(last - first));
  };

  TablesTab.prototype.row = function (r, index) {
    var fill = h('div', { 'class': 'fill' + (r.loaded ? ' done' : '') });
    fill.style.width = (100 * r.progress).toFixed(1) + '%';
    var words;
    if (r.loaded) {
      words = num(r.rows) + ' rows';
    } else if (r.chunksTotal > 0) {
      words = num(r.chunksDone) + ' / ' + num(r.chunksTotal) + ' chunks, ' + num(r.rows) + ' rows';
    } else if (r.estimate > 0) {
      words = num(r.rows) + ' / ' + num(r.estimate) + ' rows';
    } else {
      words = num(r.rows) + ' rows';
    }
    var bar = h('div', { 'class': 'progress' },
      h('div', { 'class': 'track', role: 'progressbar', 'aria-label': 'Loaded of ' + r.name, 'aria-valuemin': '0', 'aria-valuemax': '100',
        'aria-valuenow': String(Math.round(100 * r.progress)), 'aria-valuetext': words }, fill),
      h('span', { 'class': 'text' }, words));
    return h('tr', { 'class': 'row', 'aria-rowindex': String(index + 2), 'data-table': r.name, 'data-rows': String(r.rows),
      'data-chunks': r.chunksTotal > 0 ? String(r.chunksDone) : null },
      h('td', { title: r.target ? r.name + ' → ' + r.target : r.name }, r.name, r.target ? h('span', { 'class': 'muted' }, ' → ' + r.target) : null),
      h('td', null, badge(r.phase, PHASE_BADGE[r.phase])),
      h('td', null, bar),
      h('td', { 'class': 'num' }, r.rate === null ? '–' : rate(r.rate).replace('/s', '')),
      h('td', { 'class': 'num' }, r.eta === null ? '–' : duration(r.eta)),
      h('td', { 'class': 'num' }, duration(r.latency)),
      h('td', { 'class': 'num', title: num(r.inserts) + ' inserts, ' + num(r.updates) + ' updates, ' + num(r.deletes) + ' deletes' }, num(r.changes)));
  };

  // ---------------------------------------------------------------- precheck tab

  function PrecheckTab(view) {
    this.view = view;
    this.report = null;
    this.loading = false;
  }

  PrecheckTab.prototype.show = function (panel) {
    var self = this;
    this.box = h('div', { id: 'precheck' });
    this.button = h('button', { type: 'button', 'class': 'button', onclick: function () { self.run(); } }, 'Run the precheck again');
    append(panel, h('div', { 'class': 'panel' },
      h('div', { 'class': 'status-line' }, h('h2', null, 'Precheck'), h('span', { 'class': 'muted' },
        'Both databases checked now, as Connect does when it validates the connectors.'), this.button),
      this.box));
    if (this.report) {
      this.draw();
    } else {
      this.run();
    }
  };

  PrecheckTab.prototype.hide = function () {
    this.box = null;
  };

  PrecheckTab.prototype.update = function () {
  };

  PrecheckTab.prototype.run = function () {
    var self = this;
    if (this.loading) {
      return;
    }
    this.loading = true;
    this.button.disabled = true;
    replace(this.box, h('p', { 'class': 'notice' }, 'Running the precheck on both databases…'));
    api.precheck(this.view.name).then(function (report) {
      self.report = report;
      self.draw();
      announce('Precheck ' + (report.passed ? 'passed' : 'failed'));
    }, function (error) {
      if (self.box) {
        replace(self.box, h('p', { 'class': 'notice bad' }, error.message));
      }
    }).then(function () {
      self.loading = false;
      self.button.disabled = false;
    });
  };

  PrecheckTab.prototype.draw = function () {
    if (!this.box) {
      return;
    }
    var report = this.report;
    var sides = [['Source', report.source], ['Target', report.target]].filter(function (s) { return s[1]; });
    var counts = { PASS: 0, WARN: 0, FAIL: 0 };
    sides.forEach(function (s) {
      Object.keys(counts).forEach(function (k) { counts[k] += (s[1].counts && s[1].counts[k]) || 0; });
    });
    replace(this.box,
      h('p', { 'class': 'notice ' + (report.passed ? (counts.WARN ? 'warn' : 'ok') : 'bad'), id: 'precheck-summary' },
        report.passed ? 'Passed' : 'Failed', ': ' + counts.PASS + ' PASS, ' + counts.WARN + ' WARN, ' + counts.FAIL + ' FAIL.',
        report.target ? '' : ' No sink connector yet, so the target was not checked.'),
      sides.map(function (side) {
        return [h('h3', null, side[0]), h('table', { 'class': 'items' },
          h('caption', { 'class': 'visually-hidden' }, side[0] + ' precheck items'),
          h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Result'), h('th', { scope: 'col' }, 'Check'), h('th', { scope: 'col' }, 'Found'),
            h('th', { scope: 'col' }, 'Fix'))),
          h('tbody', null, (side[1].items || []).map(function (item) {
            return h('tr', { 'data-check': item.id, 'data-status': item.status },
              h('td', null, badge(item.status, CHECK_BADGE[item.status])),
              h('th', { scope: 'row' }, item.title, item.field ? h('div', { 'class': 'muted mono' }, item.field) : null),
              h('td', null, item.detail),
              h('td', { 'class': 'fix' }, item.fix || h('span', { 'class': 'muted' }, '–')));
          })))];
      }));
  };

  // ---------------------------------------------------------------- verify tab

  function VerifyTab(view) {
    this.view = view;
    this.job = null;
    this.timer = null;
    this.mode = 'full';
    this.samplePercent = 10;
    this.recheck = 10;
  }

  VerifyTab.prototype.show = function (panel) {
    var self = this;
    var modes = [['count', 'Count rows'], ['sample', 'Sample of rows'], ['full', 'Every row']];
    this.percent = h('input', { type: 'number', id: 'sample-percent', min: '1', max: '100', value: String(this.samplePercent) });
    this.recheckInput = h('input', { type: 'number', id: 'recheck-delay', min: '0', max: '600', value: String(this.recheck) });
    this.start = h('button', { type: 'submit', 'class': 'button', id: 'start-verify' }, 'Start verification');
    this.box = h('div', { id: 'verify-result' });
    var form = h('form', { onsubmit: function (event) { event.preventDefault(); self.begin(); } },
      h('fieldset', null, h('legend', null, 'Compare source and target'),
        h('div', { 'class': 'form-row' },
          h('div', { role: 'radiogroup', 'aria-labelledby': 'mode-label' }, h('span', { id: 'mode-label' }, 'What to compare'),
            h('div', { 'class': 'choices' }, modes.map(function (m) {
              return h('label', null, h('input', { type: 'radio', name: 'verify-mode', value: m[0], checked: m[0] === self.mode,
                onchange: function () { self.mode = this.value; } }), m[1]);
            }))),
          h('div', null, h('label', { 'for': 'sample-percent' }, 'Sample, % of rows'), this.percent),
          h('div', null, h('label', { 'for': 'recheck-delay' }, 'Re-check differences after, s'), this.recheckInput),
          h('div', null, this.start))),
      h('p', { 'class': 'muted' }, 'Each database checksums its rows by key range; differing ranges are narrowed down to the keys, and each'
        + ' difference is read again after the delay so that changes still on their way are not reported.'));
    append(panel, h('div', { 'class': 'panel' }, h('h2', null, 'Verify'), form, this.box));
    if (this.job) {
      this.draw();
      this.poll();
    } else {
      api.jobs(this.view.name).then(function (answer) {
        var latest = (answer.jobs || []).filter(function (j) { return j.kind === 'verify'; })[0];
        if (latest && !self.job) {
          self.job = latest;
          self.draw();
          self.poll();
        } else if (!self.job && self.box) {
          replace(self.box, h('p', { 'class': 'muted' }, 'No verification has run on this worker in the last hour.'));
        }
      }, function (error) { showBanner(error.message); });
    }
  };

  VerifyTab.prototype.hide = function () {
    window.clearTimeout(this.timer);
    this.box = null;
  };

  VerifyTab.prototype.update = function () {
  };

  VerifyTab.prototype.begin = function () {
    var self = this;
    this.samplePercent = parseInt(this.percent.value, 10) || 10;
    this.recheck = parseInt(this.recheckInput.value, 10);
    if (isNaN(this.recheck)) {
      this.recheck = 10;
    }
    this.start.disabled = true;
    api.startVerify(this.view.name, { mode: this.mode, samplePercent: this.samplePercent, recheckDelaySeconds: this.recheck }).then(function (answer) {
      if (answer.status === 409) {
        announce(answer.body.message);
        return api.jobs(self.view.name).then(function (list) {
          self.job = (list.jobs || []).filter(function (j) { return j.kind === 'verify' && j.state === 'running'; })[0] || null;
        });
      }
      self.job = answer.body;
      announce('Verification started');
    }).then(function () {
      self.draw();
      self.poll();
    }, function (error) {
      showBanner(error.message);
      self.start.disabled = false;
    });
  };

  VerifyTab.prototype.poll = function () {
    var self = this;
    window.clearTimeout(this.timer);
    if (!this.job || this.job.state !== 'running') {
      if (this.start) {
        this.start.disabled = false;
      }
      return;
    }
    if (this.start) {
      this.start.disabled = true;
    }
    this.timer = window.setTimeout(function () {
      api.job(self.view.name, self.job.id).then(function (job) {
        var ended = job.state !== 'running';
        self.job = job;
        self.draw();
        if (ended) {
          announce('Verification ended: ' + verdict(job));
        }
        self.poll();
      }, function (error) {
        showBanner(error.message);
        self.timer = window.setTimeout(function () { self.poll(); }, JOB_POLL_MS * 3);
      });
    }, JOB_POLL_MS);
  };

  function verdict(job) {
    if (job.state === 'failed') {
      return 'it could not run: ' + job.error;
    }
    var report = job.report || {};
    var tables = report.tables || [];
    var differing = tables.filter(function (t) { return t.status !== 'EQUAL'; }).length;
    return report.equal ? 'all ' + tables.length + ' tables are equal' : differing + ' of ' + tables.length + ' tables differ or were skipped';
  }

  VerifyTab.prototype.draw = function () {
    if (!this.box || !this.job) {
      return;
    }
    var job = this.job;
    var report = job.report || { tables: [] };
    var total = job.tablesTotal;
    var done = job.tablesDone || 0;
    var header;
    if (job.state === 'running') {
      var fill = h('div', { 'class': 'fill' });
      fill.style.width = (total ? 100 * done / total : 0) + '%';
      header = h('div', { 'class': 'notice', id: 'verify-state', 'data-state': 'running' },
        h('div', null, 'Running (' + job.mode + (job.samplePercent ? ', ' + job.samplePercent + ' %' : '') + '): ' + done + ' of '
          + (total === undefined ? '?' : total) + ' tables compared' + (job.currentTable ? ', comparing ' + job.currentTable + '…' : '…')),
        h('div', { 'class': 'progress' }, h('div', { 'class': 'track', role: 'progressbar', 'aria-label': 'Tables compared',
          'aria-valuemin': '0', 'aria-valuemax': String(total || 0), 'aria-valuenow': String(done) }, fill)));
    } else {
      var ok = job.state === 'ended' && report.equal;
      header = h('div', { 'class': 'notice ' + (ok ? 'ok' : 'bad'), id: 'verify-state', 'data-state': job.state },
        'Verification (' + job.mode + ') started ' + clock(Date.parse(job.startedAt)) + ', took ' + duration(report.tookMs) + ': ' + verdict(job) + '.');
    }
    var rows = [];
    (report.tables || []).forEach(function (t) {
      var name = t.schema + '.' + t.table;
      rows.push(h('tr', { 'data-table': name, 'data-status': t.status },
        h('th', { scope: 'row' }, name),
        h('td', null, badge(t.status, RESULT_BADGE[t.status])),
        h('td', { 'class': 'num' }, t.sourceRows < 0 ? 'missing' : num(t.sourceRows)),
        h('td', { 'class': 'num' }, t.targetRows < 0 ? 'missing' : num(t.targetRows)),
        h('td', { 'class': 'num' }, num(t.differenceCount)),
        h('td', null, t.note || '')));
      if (t.differences && t.differences.length) {
        rows.push(h('tr', { 'class': 'result-detail' }, h('td', { colspan: 6 }, differences(name, t))));
      }
    });
    replace(this.box, header, h('table', { id: 'verify-tables' },
      h('caption', { 'class': 'visually-hidden' }, 'Verification result per table'),
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Table'), h('th', { scope: 'col' }, 'Result'),
        h('th', { scope: 'col', 'class': 'num' }, 'Source rows'), h('th', { scope: 'col', 'class': 'num' }, 'Target rows'),
        h('th', { scope: 'col', 'class': 'num' }, 'Differences'), h('th', { scope: 'col' }, 'Note'))),
      h('tbody', null, rows)));
  };

  var KIND_WORDS = { 'MISSING_ON_TARGET': 'missing on the target', 'EXTRA_ON_TARGET': 'extra on the target', 'DIFFERENT': 'different' };

  function differences(name, result) {
    var shown = result.differences.length;
    return h('details', { open: true, 'class': 'diff' },
      h('summary', null, shown < result.differenceCount ? 'The first ' + shown + ' of ' + num(result.differenceCount) + ' differing rows of ' + name
        : num(shown) + ' differing row' + (shown === 1 ? '' : 's') + ' of ' + name),
      h('table', { 'data-differences': name },
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Key'), h('th', { scope: 'col' }, 'Difference'), h('th', { scope: 'col' }, 'Source row'),
          h('th', { scope: 'col' }, 'Target row'))),
        h('tbody', null, result.differences.map(function (d) {
          var key = Object.keys(d.key || {}).map(function (k) { return k + ' = ' + d.key[k]; }).join(', ') || '(no key)';
          return h('tr', { 'data-key': key, 'data-kind': d.kind },
            h('td', { 'class': 'key mono' }, key),
            h('td', null, badge(KIND_WORDS[d.kind] || d.kind, d.kind === 'DIFFERENT' ? 'warn' : 'bad')),
            h('td', { 'class': 'row-text mono' }, d.sourceRow === null ? h('span', { 'class': 'muted' }, 'no row') : d.sourceRow),
            h('td', { 'class': 'row-text mono' }, d.targetRow === null ? h('span', { 'class': 'muted' }, 'no row') : d.targetRow));
        }))));
  }

  // ---------------------------------------------------------------- cutover tab

  function CutoverTab(view) {
    this.view = view;
    this.plan = null;
    this.job = null;
    this.timer = null;
    this.options = { verify: 'count', action: 'pause', revokeWrites: false, timeoutSeconds: 300 };
  }

  CutoverTab.prototype.show = function (panel) {
    var self = this;
    var o = this.options;
    this.verifySelect = h('select', { id: 'cutover-verify', onchange: function () { o.verify = this.value; self.invalidate(); } },
      [['none', 'No verification'], ['count', 'Count rows'], ['sample', 'Sample of rows'], ['full', 'Every row']].map(function (v) {
        return h('option', { value: v[0], selected: v[0] === o.verify }, v[1]);
      }));
    this.actionSelect = h('select', { id: 'cutover-action', onchange: function () { o.action = this.value; self.invalidate(); } },
      [['pause', 'Pause both connectors'], ['delete', 'Delete both connectors']].map(function (v) {
        return h('option', { value: v[0], selected: v[0] === o.action }, v[1]);
      }));
    this.revoke = h('input', { type: 'checkbox', id: 'cutover-revoke', checked: o.revokeWrites,
      onchange: function () { o.revokeWrites = this.checked; self.invalidate(); } });
    this.timeout = h('input', { type: 'number', id: 'cutover-timeout', min: '10', max: '86400', value: String(o.timeoutSeconds),
      onchange: function () { o.timeoutSeconds = parseInt(this.value, 10) || 300; self.invalidate(); } });
    this.dryRunButton = h('button', { type: 'button', 'class': 'button', id: 'dry-run', onclick: function () { self.dryRun(); } }, 'Dry run');
    this.planBox = h('div', { id: 'cutover-plan' });
    this.confirmBox = h('div', { id: 'cutover-confirm' });
    this.runBox = h('div', { id: 'cutover-run' });
    this.dialog = this.buildDialog();
    append(panel, h('div', { 'class': 'panel' },
      h('h2', null, 'Cutover'),
      h('p', null, 'Stop the application\'s writes to the source first. Cutover then waits until the target has applied everything, syncs the'
        + ' sequences, restores held-back foreign keys, verifies if asked and stops both connectors. The dry run shows each step first and'
        + ' changes nothing.'),
      h('fieldset', null, h('legend', null, 'Options'),
        h('div', { 'class': 'form-row' },
          h('div', null, h('label', { 'for': 'cutover-verify' }, 'Verify before stopping'), this.verifySelect),
          h('div', null, h('label', { 'for': 'cutover-action' }, 'Then'), this.actionSelect),
          h('div', null, h('label', { 'for': 'cutover-timeout' }, 'Wait for zero lag, s'), this.timeout),
          h('div', null, h('label', { 'class': 'check', 'for': 'cutover-revoke' }, this.revoke, 'Revoke the sink account\'s write privileges')),
          h('div', null, this.dryRunButton))),
      this.planBox, this.confirmBox, this.runBox, this.dialog));
    if (this.plan) {
      this.drawPlan();
    }
    if (this.job) {
      this.drawRun();
      this.poll();
    } else {
      api.jobs(this.view.name).then(function (answer) {
        var latest = (answer.jobs || []).filter(function (j) { return j.kind === 'cutover'; })[0];
        if (latest && !self.job) {
          self.job = latest;
          self.drawRun();
          self.poll();
        }
      }, function (error) { showBanner(error.message); });
    }
  };

  CutoverTab.prototype.hide = function () {
    window.clearTimeout(this.timer);
    this.runBox = null;
  };

  CutoverTab.prototype.update = function () {
  };

  CutoverTab.prototype.params = function () {
    return { verify: this.options.verify, action: this.options.action, revokeWrites: String(this.options.revokeWrites),
      timeoutSeconds: this.options.timeoutSeconds };
  };

  /** Options changed: the dry run no longer describes what would run. */
  CutoverTab.prototype.invalidate = function () {
    if (this.plan && (!this.job || this.job.state !== 'running')) {
      this.plan = null;
      clear(this.planBox);
      clear(this.confirmBox);
      announce('Options changed: run the dry run again');
    }
  };

  CutoverTab.prototype.dryRun = function () {
    var self = this;
    this.dryRunButton.disabled = true;
    replace(this.planBox, h('p', { 'class': 'notice' }, 'Checking what cutover would do…'));
    clear(this.confirmBox);
    api.dryRun(this.view.name, this.params()).then(function (report) {
      self.plan = report;
      self.drawPlan();
      announce(report.completed ? 'Dry run complete: review the steps, then cut over' : 'The dry run found a problem');
    }, function (error) {
      replace(self.planBox, h('p', { 'class': 'notice bad' }, error.message));
    }).then(function () {
      self.dryRunButton.disabled = false;
    });
  };

  function stepList(steps, id) {
    return h('ol', { 'class': 'steps', id: id }, steps.map(function (s) {
      return h('li', { 'data-step': s.step, 'data-status': s.status },
        h('span', { 'class': 'step-name' }, s.step),
        h('span', null, badge(s.status, STEP_BADGE[s.status])),
        h('span', null, s.detail || '', s.tookMs ? h('span', { 'class': 'took' }, ' (' + duration(s.tookMs) + ')') : null));
    }));
  }

  CutoverTab.prototype.drawPlan = function () {
    var self = this;
    var plan = this.plan;
    replace(this.planBox, h('h3', null, 'Dry run'), stepList(plan.steps || [], 'dry-run-steps'));
    if (!plan.completed) {
      replace(this.confirmBox, h('p', { 'class': 'notice bad' }, 'Cutover would be refused: fix what the failed step says, then run the dry run again.'));
      return;
    }
    replace(this.confirmBox, h('div', { 'class': 'status-line' },
      h('span', null, 'This is what cutover will do.'),
      h('button', { type: 'button', 'class': 'button danger', id: 'cutover-start', onclick: function () { self.confirm(); } }, 'Cut over…')));
  };

  CutoverTab.prototype.buildDialog = function () {
    var self = this;
    this.dialogText = h('p', { id: 'cutover-dialog-text' });
    this.stoppedWrites = h('input', { type: 'checkbox', id: 'writes-stopped', onchange: function () { self.goButton.disabled = !this.checked; } });
    this.goButton = h('button', { type: 'button', 'class': 'button danger', id: 'cutover-go', disabled: true, onclick: function () { self.go(); } },
      'Cut over now');
    return h('dialog', { id: 'cutover-dialog', 'aria-labelledby': 'cutover-dialog-title', 'aria-describedby': 'cutover-dialog-text' },
      h('h2', { id: 'cutover-dialog-title' }, 'Cut over migration ' + this.view.name + '?'),
      this.dialogText,
      h('label', { 'class': 'check', 'for': 'writes-stopped' }, this.stoppedWrites, 'The application no longer writes to the source'),
      h('div', { 'class': 'dialog-actions' },
        h('button', { type: 'button', 'class': 'button secondary', id: 'cutover-cancel', onclick: function () { self.dialog.close(); } }, 'Cancel'),
        this.goButton));
  };

  CutoverTab.prototype.confirm = function () {
    var o = this.options;
    this.dialogText.textContent = 'Cutover waits up to ' + o.timeoutSeconds + ' s until the target has applied everything, '
      + (o.verify === 'none' ? 'does not verify' : 'verifies (' + o.verify + ')') + ', then '
      + (o.action === 'delete' ? 'deletes' : 'pauses') + ' both connectors' + (o.revokeWrites ? ' and revokes the sink account\'s write privileges' : '')
      + '. Writes the application makes to the source afterwards are not migrated.';
    this.stoppedWrites.checked = false;
    this.goButton.disabled = true;
    this.dialog.showModal();
    this.stoppedWrites.focus();
  };

  CutoverTab.prototype.go = function () {
    var self = this;
    this.dialog.close();
    this.dryRunButton.disabled = true;
    clear(this.confirmBox);
    api.startCutover(this.view.name, this.params()).then(function (answer) {
      if (answer.status === 409) {
        throw new Error(answer.body.message);
      }
      self.job = answer.body;
      announce('Cutover started');
      self.drawRun();
      self.poll();
    }).catch(function (error) {
      showBanner(error.message);
      self.dryRunButton.disabled = false;
    });
  };

  CutoverTab.prototype.poll = function () {
    var self = this;
    window.clearTimeout(this.timer);
    if (!this.job || this.job.state !== 'running') {
      if (this.dryRunButton) {
        this.dryRunButton.disabled = false;
      }
      return;
    }
    this.timer = window.setTimeout(function () {
      api.job(self.view.name, self.job.id).then(function (job) {
        self.job = job;
        self.drawRun();
        if (job.state !== 'running') {
          announce(job.report && job.report.completed && job.state === 'ended' ? 'Cutover complete' : 'Cutover stopped');
          refresh();
        }
        self.poll();
      }, function (error) {
        showBanner(error.message);
        self.timer = window.setTimeout(function () { self.poll(); }, JOB_POLL_MS * 3);
      });
    }, JOB_POLL_MS);
  };

  /** The dry run's steps with the outcome of each that ran; while the job runs, the first without one is running. */
  CutoverTab.prototype.drawRun = function () {
    if (!this.runBox || !this.job) {
      return;
    }
    var job = this.job;
    var ran = (job.report && job.report.steps) || [];
    var planned = this.plan && this.plan.steps ? this.plan.steps.map(function (s) { return s.step; }) : [];
    var outcome = {};
    ran.forEach(function (s) { outcome[s.step] = s; });
    var steps = [];
    var runningShown = false;
    planned.forEach(function (name) {
      if (outcome[name]) {
        steps.push(outcome[name]);
      } else if (job.state === 'running' && !runningShown) {
        runningShown = true;
        steps.push({ step: name, status: 'running', detail: 'running now…' });
      } else {
        steps.push({ step: name, status: job.state === 'running' ? 'pending' : 'skipped', detail: job.state === 'running' ? '' : 'not run' });
      }
    });
    ran.forEach(function (s) {
      if (planned.indexOf(s.step) < 0) {
        steps.push(s);
      }
    });
    var message;
    if (job.state === 'running') {
      message = h('p', { 'class': 'notice', id: 'cutover-state', 'data-state': 'running' }, 'Cutover running since ' + clock(Date.parse(job.startedAt)) + '…');
    } else if (job.state === 'ended' && job.report && job.report.completed) {
      message = h('p', { 'class': 'notice ok', id: 'cutover-state', 'data-state': 'completed' }, 'Cutover complete: both connectors are '
        + (job.report.steps.some(function (s) { return /^Deleted/.test(s.detail || ''); }) ? 'deleted' : 'paused')
        + '. Point the application at the target.');
    } else {
      message = h('p', { 'class': 'notice bad', id: 'cutover-state', 'data-state': 'stopped' }, 'Cutover stopped'
        + (job.error ? ': ' + job.error : ' at a failed step; the connectors keep running. Fix the cause and run the dry run again.'));
    }
    replace(this.runBox, h('h3', null, 'Cutover'), message, stepList(steps, 'cutover-steps'));
  };

  // ---------------------------------------------------------------- start

  document.addEventListener('DOMContentLoaded', function () {
    document.getElementById('refresh').addEventListener('click', function () { refresh(); });
    window.addEventListener('hashchange', navigate);
    document.addEventListener('visibilitychange', function () {
      if (!document.hidden) {
        refresh();
      }
    });
    navigate();
    schedule();
  });
}());
