/**
 * The chaos campaign: the faults and their plan, the engine that injects them into a running
 * launchguard and checks its recovery ({@link dev.launchguard.chaos.Campaign}), and the results
 * schema ({@link dev.launchguard.chaos.CampaignHeader}, {@link dev.launchguard.chaos.ChaosEvent},
 * {@link dev.launchguard.chaos.CampaignVerdict}) that {@link dev.launchguard.chaos.ResultsLog} writes
 * and {@code report} reads. It talks to launchguard only through {@code client}; it must not import
 * {@code cli} or {@code report}, and picocli never enters here.
 */
package dev.launchguard.chaos;
