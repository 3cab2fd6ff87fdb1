/**
 * A JUnit 5 extension that gives tests a fresh in-memory dynakit engine: {@link
 * dev.dynakit.testkit.DynakitTest} on a test class, tables from {@link
 * dev.dynakit.testkit.DynakitTable} or JSON fixtures, and a {@code DynamoDbClient}, a {@code
 * DynamoDbEnhancedClient}, a {@code Dynakit} or the {@code DynakitEngine} as test method
 * parameters. The annotations, {@link dev.dynakit.testkit.DynakitExtension} and {@link
 * dev.dynakit.testkit.EngineScope} are public; the rest is package-private.
 */
package dev.dynakit.testkit;
