/**
 * The engine's storage: a narrow, ordered key-value interface with atomic batches, and its
 * implementations, in memory and on disk. Items and index entries are stored as bytes under
 * order-preserving keys, so that a range scan is a query.
 *
 * <ul>
 *   <li>{@link dev.dynakit.engine.storage.Storage}: the interface; {@link
 *       dev.dynakit.engine.storage.MemoryStorage}: its implementation in memory; {@link
 *       dev.dynakit.engine.storage.DurableStorage}: on disk, in RocksDB, in a data directory one
 *       process owns at a time ({@link dev.dynakit.engine.storage.StorageException} when it
 *       cannot).
 *   <li>{@link dev.dynakit.engine.storage.KeyCodec}: keys (partition, then sort) as bytes whose
 *       unsigned order is DynamoDB's order, and the byte ranges of Query key conditions.
 *   <li>{@link dev.dynakit.engine.storage.ItemCodec}: items as compact bytes.
 * </ul>
 *
 * <p>Called only by the engine's execution layer.
 */
package dev.dynakit.engine.storage;
