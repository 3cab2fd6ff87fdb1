/**
 * The {@code dynakit} command: picocli commands over the adapter ({@code dev.dynakit.client}), with
 * the embedded engine as its default target. {@link dev.dynakit.cli.Main} is the only public type;
 * every command is a package-private {@code Callable<Integer>} that takes its streams and
 * environment from a {@code CliContext}, so tests run commands in-process.
 */
package dev.dynakit.cli;
