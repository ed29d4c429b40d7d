// Each alert firing: the smallest story that should wake someone, on a fleet otherwise steady.
local t = import 'promtool.libsonnet';
local host = 'mac.local:9470';
local job(label, extra={}) = { job: 'launchguard', instance: host, label: label } + extra;
local lg(extra={}) = { job: 'launchguard', instance: host } + extra;
local at(label) = { instance: host, label: label };
local base = t.steady(host, ['web', 'api'], 90);

local case(name, series, checks) = {
  name: name,
  interval: '1m',
  input_series: t.inputs(base + series),
  alert_rule_test: checks,
};

t.file([
  case('a 20 s respawn after a fast one fires LaunchguardRespawnOverTarget for the next hour', {
    [t.key('launchguard_respawn_duration_seconds_count', job('web'))]: '0x10 1x10 2x70',
    [t.key('launchguard_respawn_duration_seconds_bucket', job('web', { le: '15.0' }))]: '0x10 1x80',
    [t.key('launchguard_respawn_duration_seconds_bucket', job('web', { le: '+Inf' }))]: '0x10 1x10 2x70',
    [t.key('launchguard_restarts_total', job('web', { reason: 'crash' }))]: '0x10 1x10 2x70',
  }, [
    t.expect('15m', 'LaunchguardRespawnOverTarget', []),
    t.expect('21m', 'LaunchguardRespawnOverTarget', []),
    t.expect('22m', 'LaunchguardRespawnOverTarget', [t.firing('LaunchguardRespawnOverTarget', at('web'), '1')]),
    t.expect('80m', 'LaunchguardRespawnOverTarget', [t.firing('LaunchguardRespawnOverTarget', at('web'), '1')]),
    t.expect('83m', 'LaunchguardRespawnOverTarget', []),
  ]),

  case('a quarantined job fires LaunchguardJobQuarantined, not LaunchguardJobNotReady', {
    [t.key('launchguard_restarts_total', job('web', { reason: 'crash' }))]: '0x10 1 2 3 4 5x75',
    [t.key('launchguard_quarantined', job('web'))]: '0x14 1x75',
    [t.key('launchguard_job_up', job('web'))]: '1x10 0x80',
    [t.key('launchguard_job_state', job('web', { state: 'ready' }))]: '1x10 0x80',
    [t.key('launchguard_job_state', job('web', { state: 'crashed' }))]: '0x10 1 1 1 1 0x76',
    [t.key('launchguard_job_state', job('web', { state: 'quarantined' }))]: '0x14 1x76',
  }, [
    t.expect('10m', 'LaunchguardJobQuarantined', []),
    t.expect('15m', 'LaunchguardJobQuarantined', [t.firing('LaunchguardJobQuarantined', at('web'))]),
    t.expect('60m', 'LaunchguardJobQuarantined', [t.firing('LaunchguardJobQuarantined', at('web'))]),
    t.expect('14m', 'LaunchguardRestartStorm', [t.firing('LaunchguardRestartStorm', at('web'), '4')]),
    t.expect('60m', 'LaunchguardJobNotReady', []),
  ]),

  case("three crashes within ten minutes fire LaunchguardRestartStorm; a deploy's kickstarts do not", {
    [t.key('launchguard_restarts_total', job('web', { reason: 'crash' }))]: '0x10 1 1 2 2 3x75',
    [t.key('launchguard_restarts_total', job('api', { reason: 'manual' }))]: '0x10 1 2 3 4 5x75',
  }, [
    t.expect('14m', 'LaunchguardRestartStorm', []),
    t.expect('15m', 'LaunchguardRestartStorm', [t.firing('LaunchguardRestartStorm', at('web'), '3')]),
    t.expect('20m', 'LaunchguardRestartStorm', [t.firing('LaunchguardRestartStorm', at('web'), '3')]),
    t.expect('30m', 'LaunchguardRestartStorm', []),
  ]),

  case('a job not READY for 15 minutes fires LaunchguardJobNotReady; a DISABLED one does not', {
    [t.key('launchguard_job_up', job('web'))]: '1x10 0x80',
    [t.key('launchguard_job_state', job('web', { state: 'ready' }))]: '1x10 0x80',
    [t.key('launchguard_job_state', job('web', { state: 'starting' }))]: '0x10 1x80',
    [t.key('launchguard_job_up', job('api'))]: '1x10 0x80',
    [t.key('launchguard_job_state', job('api', { state: 'ready' }))]: '1x10 0x80',
    [t.key('launchguard_job_state', job('api', { state: 'disabled' }))]: '0x10 1x80',
  }, [
    t.expect('25m', 'LaunchguardJobNotReady', []),
    t.expect('26m', 'LaunchguardJobNotReady', [t.firing('LaunchguardJobNotReady', at('web'))]),
    t.expect('80m', 'LaunchguardJobNotReady', [t.firing('LaunchguardJobNotReady', at('web'))]),
  ]),

  case('two wedges within an hour fire LaunchguardWedgesPerHour', {
    [t.key('launchguard_restarts_total', job('api', { reason: 'wedge' }))]: '0x10 1x20 2x60',
  }, [
    t.expect('31m', 'LaunchguardWedgesPerHour', []),
    t.expect('32m', 'LaunchguardWedgesPerHour', [t.firing('LaunchguardWedgesPerHour', at('api'), '2')]),
    t.expect('70m', 'LaunchguardWedgesPerHour', [t.firing('LaunchguardWedgesPerHour', at('api'), '2')]),
    t.expect('72m', 'LaunchguardWedgesPerHour', []),
  ]),

  case('an orphan, and a squatter, kept for 15 minutes fire LaunchguardStraysFound', {
    [t.key('launchguard_orphans', job('web'))]: '0x5 1x85',
    [t.key('launchguard_squatters', job('api'))]: '0x30 2x60',
  }, [
    t.expect('20m', 'LaunchguardStraysFound', []),
    t.expect('21m', 'LaunchguardStraysFound', [t.firing('LaunchguardStraysFound', at('web'))]),
    t.expect('46m', 'LaunchguardStraysFound', [
      t.firing('LaunchguardStraysFound', at('web')),
      t.firing('LaunchguardStraysFound', at('api')),
    ]),
  ]),

  case('a used-up host budget, and later a deferred restart, fire LaunchguardHostBudgetExhausted', {
    [t.key('launchguard_host_budget_remaining', lg())]: '10x5 0 0 10x83',
    [t.key('launchguard_restarts_deferred_total', job('api'))]: '0x40 1x50',
  }, [
    t.expect('5m', 'LaunchguardHostBudgetExhausted', []),
    t.expect('6m', 'LaunchguardHostBudgetExhausted', [t.firing('LaunchguardHostBudgetExhausted', { instance: host })]),
    t.expect('20m', 'LaunchguardHostBudgetExhausted', []),
    t.expect('41m', 'LaunchguardHostBudgetExhausted', [t.firing('LaunchguardHostBudgetExhausted', { instance: host })]),
    t.expect('60m', 'LaunchguardHostBudgetExhausted', []),
  ]),

  case('failed scrapes for five minutes fire LaunchguardDown', {
    [t.key('up', lg())]: '1x10 0x80',
  }, [
    t.expect('15m', 'LaunchguardDown', []),
    t.expect('16m', 'LaunchguardDown', [t.firing('LaunchguardDown', lg())]),
    t.expect('15m', 'LaunchguardNotScraped', []),
  ]),

  case('no scrape of launchguard at all for an hour fires LaunchguardNotScraped', {
    [t.key('up', lg())]: '1x10',
  }, [
    t.expect('60m', 'LaunchguardNotScraped', []),
    t.expect('76m', 'LaunchguardNotScraped', [t.firing('LaunchguardNotScraped', { job: 'launchguard' })]),
    t.expect('76m', 'LaunchguardDown', []),
  ]),

  case('a drift check failing for 15 minutes fires LaunchguardDriftCheckFailing', {
    [t.key('launchguard_drift_check_ok', lg({ check: 'disk' }))]: '1x5 0x85',
  }, [
    t.expect('20m', 'LaunchguardDriftCheckFailing', []),
    t.expect('21m', 'LaunchguardDriftCheckFailing', [t.firing('LaunchguardDriftCheckFailing', lg({ check: 'disk' }))]),
  ]),

  case('an uptime target down for five minutes fires LaunchguardUptimeTargetDown', {
    [t.key('launchguard_uptime_up', lg({ target: 'site' }))]: '1x5 0x10 1x75',
  }, [
    t.expect('10m', 'LaunchguardUptimeTargetDown', []),
    t.expect('11m', 'LaunchguardUptimeTargetDown', [t.firing('LaunchguardUptimeTargetDown', lg({ target: 'site' }))]),
    t.expect('16m', 'LaunchguardUptimeTargetDown', [t.firing('LaunchguardUptimeTargetDown', lg({ target: 'site' }))]),
    t.expect('17m', 'LaunchguardUptimeTargetDown', []),
  ]),

  case('a certificate expiring in ten days fires LaunchguardTLSCertExpiringSoon; one in twenty days does not', {
    [t.key('launchguard_tls_cert_expiry_timestamp_seconds', lg({ target: 'site' }))]: '864000x90',
    [t.key('launchguard_tls_cert_expiry_timestamp_seconds', lg({ target: 'shop' }))]: '1728000x90',
  }, [
    t.expect('9m', 'LaunchguardTLSCertExpiringSoon', []),
    t.expect('15m', 'LaunchguardTLSCertExpiringSoon', [
      t.firing('LaunchguardTLSCertExpiringSoon', lg({ target: 'site' }), '9d 23h 45m 0s'),
    ]),
  ]),
])
