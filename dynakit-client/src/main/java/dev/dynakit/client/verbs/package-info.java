/**
 * The adapter's verbs, called by name with JSON-friendly arguments ({@link
 * dev.dynakit.client.verbs.Verbs}), and the value mapping between plain JSON and DynamoDB attribute
 * values ({@link dev.dynakit.client.verbs.Values}).
 */
package dev.dynakit.client.verbs;
