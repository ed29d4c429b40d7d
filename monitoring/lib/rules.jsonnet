// jsonnet -S lib/rules.jsonnet > prometheus_rules.yaml
std.manifestYamlDoc((import '../mixin.libsonnet').prometheusRules, quote_keys=false) + '\n'
