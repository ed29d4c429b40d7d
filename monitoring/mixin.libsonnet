// launchguard's monitoring mixin: prometheusAlerts, prometheusRules and grafanaDashboards, in the
// shape of the Prometheus community's mixins (node-mixin, kubernetes-mixin).
(import 'config.libsonnet') +
(import 'alerts/alerts.libsonnet') +
(import 'rules/rules.libsonnet') +
(import 'dashboards/dashboards.libsonnet')
