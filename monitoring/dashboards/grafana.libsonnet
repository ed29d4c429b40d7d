// A few constructors for Grafana's dashboard JSON (schemaVersion 39), enough for launchguard's two
// dashboards without a grafonnet dependency.
{
  datasourceVariable:: {
    name: 'datasource',
    label: 'Data source',
    type: 'datasource',
    query: 'prometheus',
    current: {},
    hide: 0,
    refresh: 1,
    regex: '',
  },

  queryVariable(name, label, query, multi=false):: {
    name: name,
    label: label,
    type: 'query',
    datasource: { type: 'prometheus', uid: '${datasource}' },
    query: { query: query, refId: 'Prometheus-%s-Variable-Query' % name },
    definition: query,
    refresh: 2,
    sort: 1,
    hide: 0,
    multi: multi,
    includeAll: multi,
    current: {},
    options: [],
    regex: '',
  },

  target(expr, legend='', instant=false):: {
    datasource: { type: 'prometheus', uid: '${datasource}' },
    expr: expr,
    legendFormat: legend,
    instant: instant,
    range: !instant,
  },

  local withRefIds(targets) = [
    targets[i] { refId: std.char(std.codepoint('A') + i) }
    for i in std.range(0, std.length(targets) - 1)
  ],

  panel(type, title, description, targets, unit='short', w=12, h=8):: {
    type: type,
    title: title,
    description: description,
    datasource: { type: 'prometheus', uid: '${datasource}' },
    targets: withRefIds(targets),
    fieldConfig: { defaults: { unit: unit }, overrides: [] },
    options: {},
    gridPos: { w: w, h: h },
  },

  timeseries(title, description, targets, unit='short', w=12, h=8)::
    self.panel('timeseries', title, description, targets, unit, w, h),

  stat(title, description, targets, unit='short', w=6, h=5)::
    self.panel('stat', title, description, targets, unit, w, h) {
      options: { reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false }, colorMode: 'value' },
    },

  table(title, description, targets, w=12, h=8)::
    self.panel('table', title, description, targets, 'short', w, h) {
      options: { showHeader: true },
      transformations: [{ id: 'merge', options: {} }],
    },

  // A red line (and area above it) at a threshold, e.g. the 15 s respawn target.
  withThreshold(panel, value):: panel {
    fieldConfig+: {
      defaults+: {
        thresholds: {
          mode: 'absolute',
          steps: [{ color: 'green', value: null }, { color: 'red', value: value }],
        },
        custom+: { thresholdsStyle: { mode: 'line+area' } },
      },
    },
  },

  row(title):: { type: 'row', title: title, collapsed: false, panels: [], gridPos: { w: 24, h: 1 } },

  // Lays panels out left to right, wrapping at 24 columns; a row starts a new line.
  local layout(panels) = std.foldl(
    function(acc, p)
      local wraps = p.type == 'row' || acc.x + p.gridPos.w > 24;
      local x = if wraps then 0 else acc.x;
      local y = if wraps then acc.y + acc.h else acc.y;
      {
        x: if p.type == 'row' then 24 else x + p.gridPos.w,
        y: y,
        h: if wraps then p.gridPos.h else std.max(acc.h, p.gridPos.h),
        panels: acc.panels + [p { id: std.length(acc.panels) + 1, gridPos+: { x: x, y: y } }],
      },
    panels,
    { x: 0, y: 0, h: 0, panels: [] },
  ).panels,

  dashboard(uid, title, description, tags, refresh, timezone, variables, panels):: {
    uid: uid,
    title: title,
    description: description,
    tags: tags,
    schemaVersion: 39,
    version: 1,
    editable: true,
    graphTooltip: 1,
    refresh: refresh,
    timezone: timezone,
    time: { from: 'now-6h', to: 'now' },
    timepicker: {},
    annotations: { list: [] },
    links: [],
    templating: { list: variables },
    panels: layout(panels),
  },
}
