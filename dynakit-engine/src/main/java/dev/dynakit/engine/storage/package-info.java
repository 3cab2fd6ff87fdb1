/**
 * The engine's storage: a narrow, ordered key-value interface with atomic batches, and its
 * implementations (in memory here; durable later). Items and index entries are stored as bytes
 * under order-preserving keys, so that a range scan is a query.
 *
 * <p>Called only by the engine's execution layer.
 */
package dev.dynakit.engine.storage;
