/**
 * {@code launchguard report}: reads chaos-campaign results (into {@code chaos}'s records, the schema
 * the campaign writes) and JMH results, and renders nearest-rank percentiles, {@code report.md} and
 * SVG charts. It may import {@code chaos} for that schema; it must not import {@code cli}.
 */
package dev.launchguard.report;
