// Helpers for the promtool test files: a steady fleet's series to start from, expected alerts with
// their annotations expanded the way Prometheus expands them, and "nothing fires" checks for every
// alert the mixin has (so a new alert is covered by the quiet cases without editing them).
local mixin = import '../mixin.libsonnet';

local alerts = std.flattenArrays([g.rules for g in mixin.prometheusAlerts.groups]);
local byName = { [a.alert]: a for a in alerts };

local labelText(labels) =
  '{' + std.join(', ', ['%s="%s"' % [k, labels[k]] for k in std.objectFields(labels)]) + '}';

{
  alertNames:: std.objectFields(byName),

  // A label set as PromQL writes it: {a="1", b="2"}.
  labels(labels):: labelText(labels),

  // The input_series key of a series: name{labels}, as steady() spells it.
  key(name, labels):: name + labelText(labels),

  // A series as input_series wants it: name{labels} and a values string such as '0x60'.
  series(name, labels, values):: { series: name + labelText(labels), values: values },

  // input_series from an object { 'name{labels}': 'values' }, so a case can override a few series
  // of a base with `+`.
  inputs(map):: [{ series: k, values: map[k] } for k in std.objectFields(map)],

  // One launchguard (scrape job "launchguard") on `instance` supervising `labels`, all READY, nothing
  // restarted, every watcher happy, for `minutes` minutes: the series the contract registers at 0.
  steady(instance, labels, minutes)::
    local keep(v) = '%sx%d' % [v, minutes];
    local host(extra) = labelText({ job: 'launchguard', instance: instance } + extra);
    local job(label, extra) = labelText({ job: 'launchguard', instance: instance, label: label } + extra);
    {
      ['up' + host({})]: keep('1'),
      ['launchguard_host_budget_remaining' + host({})]: keep('10'),
      ['launchguard_host_budget_size' + host({})]: keep('10'),
      ['launchguard_drift_check_ok' + host({ check: 'disk' })]: keep('1'),
      ['launchguard_uptime_up' + host({ target: 'site' })]: keep('1'),
      ['launchguard_tls_cert_expiry_timestamp_seconds' + host({ target: 'site' })]: keep('1e10'),
    } + {
      [name + job(label, {})]: keep(if name == 'launchguard_job_up' then '1' else '0')
      for label in labels
      for name in [
        'launchguard_job_up',
        'launchguard_quarantined',
        'launchguard_orphans',
        'launchguard_squatters',
        'launchguard_restarts_deferred_total',
        'launchguard_respawn_duration_seconds_count',
      ]
    } + {
      ['launchguard_respawn_duration_seconds_bucket' + job(label, { le: le })]: keep('0')
      for label in labels
      for le in ['15.0', '+Inf']
    } + {
      ['launchguard_restarts_total' + job(label, { reason: r })]: keep('0')
      for label in labels
      for r in ['crash', 'wedge', 'manual']
    } + {
      ['launchguard_job_state' + job(label, { state: s })]: keep(if s == 'ready' then '1' else '0')
      for label in labels
      for s in ['starting', 'ready', 'suspect', 'wedged', 'recovering', 'crashed', 'quarantined', 'stopped', 'disabled']
    },

  // The alert `name` expected at eval time with these labels (besides alertname and severity), its
  // annotations expanded as Prometheus would: $labels.X, and $value as the test knows it printed.
  firing(name, labels, value=''):: {
    local a = byName[name],
    local expand(text) = std.foldl(
      function(t, k) std.strReplace(t, '{{ $labels.%s }}' % k, labels[k]),
      std.objectFields(labels),
      std.strReplace(std.strReplace(text, '{{ $value | printf "%.0f" }}', value), '{{ $value | humanizeDuration }}', value),
    ),
    exp_labels: labels { severity: a.labels.severity },
    exp_annotations: { [k]: expand(a.annotations[k]) for k in std.objectFields(a.annotations) },
  },

  // The checks that `name` fires with `expected` (a list of firing(...)) at `time`.
  expect(time, name, expected):: { eval_time: time, alertname: name, exp_alerts: expected },

  // Nothing fires, of any of the mixin's alerts (but those in `except`), at each of `times`.
  nothingFires(times, except=[]):: [
    { eval_time: t, alertname: a, exp_alerts: [] }
    for t in times
    for a in self.alertNames
    if !std.member(except, a)
  ],

  // Every `step` minutes from `from` to `to`, as promtool durations.
  minutes(from, to, step=5):: ['%dm' % m for m in std.range(from, to) if (m - from) % step == 0],

  // A test file as promtool reads it (jsonnet tests/X.jsonnet > tests/X.json; JSON is YAML): the
  // mixin's generated rules and these tests. JSON, not std.manifestYamlDoc: Debian's jsonnet 0.18
  // takes minutes to write these hundreds of cases as YAML and a fraction of a second as JSON.
  file(tests):: {
    rule_files: ['../prometheus_alerts.yaml', '../prometheus_rules.yaml'],
    evaluation_interval: '1m',
    tests: tests,
  },
}
