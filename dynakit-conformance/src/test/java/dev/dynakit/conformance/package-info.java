/**
 * The conformance suite: scenarios run on the engine in-process, the engine over HTTP (in-process,
 * and through {@code DynakitServer} on a loopback port) and Amazon DynamoDB Local, whose answers
 * must agree ({@link dev.dynakit.conformance.Comparison}), and a randomized differential test that
 * generates tables, items and requests from a printed seed ({@link
 * dev.dynakit.conformance.DifferentialTest}).
 */
package dev.dynakit.conformance;
