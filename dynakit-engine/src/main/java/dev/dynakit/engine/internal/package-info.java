/**
 * The engine's request handling, one class per operation family (validate, plan, execute), and
 * DynamoDB's errors. Only {@code dev.dynakit.engine} calls it.
 */
package dev.dynakit.engine.internal;
