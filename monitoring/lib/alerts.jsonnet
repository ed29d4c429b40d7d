// jsonnet -S lib/alerts.jsonnet > prometheus_alerts.yaml
std.manifestYamlDoc((import '../mixin.libsonnet').prometheusAlerts, quote_keys=false) + '\n'
