/**
 * The {@code launchguard} command line: picocli commands, their options, mixins and converters, and
 * the one body three commands share ({@code JobAction}: a job's mutation through the API, its
 * messages and exit codes); nothing else. A command parses its options, builds what it runs from the feature packages
 * ({@code client}, {@code chaos}, {@code report}, {@code daemon}, ...), and prints; picocli enters the
 * code base here only, and no other package imports {@code cli}.
 */
package dev.launchguard.cli;
