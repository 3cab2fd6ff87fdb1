package dev.dynakit.engine.internal;

import dev.dynakit.engine.storage.ItemCodec;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CreateGlobalTableRequest;
import software.amazon.awssdk.services.dynamodb.model.CreateGlobalTableResponse;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeGlobalTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeGlobalTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeGlobalTableSettingsRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeGlobalTableSettingsResponse;
import software.amazon.awssdk.services.dynamodb.model.GlobalTable;
import software.amazon.awssdk.services.dynamodb.model.GlobalTableAlreadyExistsException;
import software.amazon.awssdk.services.dynamodb.model.GlobalTableDescription;
import software.amazon.awssdk.services.dynamodb.model.GlobalTableNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.GlobalTableStatus;
import software.amazon.awssdk.services.dynamodb.model.ListGlobalTablesRequest;
import software.amazon.awssdk.services.dynamodb.model.ListGlobalTablesResponse;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputDescription;
import software.amazon.awssdk.services.dynamodb.model.Replica;
import software.amazon.awssdk.services.dynamodb.model.ReplicaAlreadyExistsException;
import software.amazon.awssdk.services.dynamodb.model.ReplicaDescription;
import software.amazon.awssdk.services.dynamodb.model.ReplicaGlobalSecondaryIndexSettingsDescription;
import software.amazon.awssdk.services.dynamodb.model.ReplicaNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReplicaSettingsDescription;
import software.amazon.awssdk.services.dynamodb.model.ReplicaStatus;
import software.amazon.awssdk.services.dynamodb.model.ReplicaUpdate;
import software.amazon.awssdk.services.dynamodb.model.ReplicationGroupUpdate;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.UpdateGlobalTableRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateGlobalTableResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateGlobalTableSettingsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateGlobalTableSettingsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableResponse;

/**
 * Global tables, version 2019.11.21, across the regions of one engine family (each region an engine
 * of its own, with its own clients): UpdateTable's {@code ReplicaUpdates} creates a replica of a
 * table in another region (its items copied) or deletes one, and every write to any replica is then
 * applied to the others asynchronously, on one replication thread, last writer wins (by the writing
 * region's clock time, then by region name). {@link #await()} waits until every write made so far
 * has reached every replica.
 */
public final class GlobalTables {
  /** Set on the replication thread while it applies a write from another region. */
  private static final ThreadLocal<Boolean> APPLYING = ThreadLocal.withInitial(() -> false);

  private final Clock clock;
  private final Function<String, Operations> regions;
  // Table name to the regions holding a replica of it.
  private final Map<String, Set<String>> groups = new ConcurrentHashMap<>();
  // Table name to the version of global tables it was made with, and when (2017.11.29 only).
  private final Map<String, String> versionsByTable = new ConcurrentHashMap<>();
  private final Map<String, java.time.Instant> created = new ConcurrentHashMap<>();
  // Per region and table: per key, the version of its last write (time, region).
  private final Map<String, Map<ByteBuffer, Version>> versions = new ConcurrentHashMap<>();
  private final ExecutorService replication =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread thread = new Thread(task, "dynakit-replication");
            thread.setDaemon(true);
            return thread;
          });

  /** The version of a write: when, by the writing region's clock, and where. */
  private record Version(long millis, String region) implements Comparable<Version> {
    @Override
    public int compareTo(Version other) {
      int byTime = Long.compare(millis, other.millis);
      return byTime != 0 ? byTime : region.compareTo(other.region);
    }
  }

  /**
   * Global tables over the regions {@code regions} opens (an engine's operations per region, opened
   * on first use).
   */
  public GlobalTables(Clock clock, Function<String, Operations> regions) {
    this.clock = clock;
    this.regions = regions;
  }

  // While paused, writes to replicate wait here, in order, instead of going to the thread.
  private final List<Runnable> held = new ArrayList<>();
  private boolean paused; // guarded by held

  /**
   * Holds replication back: writes made from now on reach the other replicas only after {@link
   * #resume()}, so a test can see replication lag and make conflicting writes on purpose.
   */
  public void pause() {
    synchronized (held) {
      paused = true;
    }
  }

  /** Lets the writes held back since {@link #pause()} go, in the order they were made. */
  public void resume() {
    synchronized (held) {
      paused = false;
      held.forEach(replication::execute);
      held.clear();
    }
  }

  // Not under this object's lock: writers call it holding item locks, which updateReplicas takes.
  private void send(Runnable task) {
    synchronized (held) {
      if (paused) {
        held.add(task);
      } else {
        replication.execute(task);
      }
    }
  }

  /** Waits until every write made so far has been applied in every replica. */
  public void await() {
    try {
      replication.submit(() -> {}).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      throw new IllegalStateException("replication failed", e.getCause());
    }
  }

  /** Stops replicating. */
  public void close() {
    replication.shutdownNow();
  }

  /** Runs UpdateTable's {@code ReplicaUpdates} of {@code request}, made in {@code region}. */
  synchronized UpdateTableResponse updateReplicas(String region, UpdateTableRequest request) {
    Operations here = regions.apply(region);
    Table table = here.tables().require(request.tableName());
    for (ReplicationGroupUpdate update : request.replicaUpdates()) {
      if (update.create() != null) {
        create(region, table, update.create().regionName());
      } else if (update.delete() != null) {
        delete(table.name(), update.delete().regionName());
      } else if (update.update() == null) {
        throw Errors.validation("One of Create, Update or Delete must be given in ReplicaUpdates");
      }
    }
    return UpdateTableResponse.builder()
        .tableDescription(here.tables().require(request.tableName()).describe())
        .build();
  }

  private void create(String region, Table source, String target) {
    if (target == null) {
      throw Errors.nullMember("replicaUpdates.create.regionName");
    }
    TableDescription description = source.describe();
    if (description.streamSpecification() == null
        || !Boolean.TRUE.equals(description.streamSpecification().streamEnabled())
        || description.streamSpecification().streamViewType()
            != StreamViewType.NEW_AND_OLD_IMAGES) {
      throw Errors.validation(
          "Table "
              + source.name()
              + " must have DynamoDB Streams enabled with the NEW_AND_OLD_IMAGES view type to have"
              + " replicas");
    }
    Set<String> group =
        groups.computeIfAbsent(source.name(), name -> new TreeSet<>(Set.of(region)));
    if (group.contains(target)) {
      throw Errors.validation(
          "Table " + source.name() + " already has a replica in region " + target);
    }
    Operations there = regions.apply(target);
    if (there.tables().find(source.name()) != null) {
      throw Errors.validation(
          "Table "
              + source.name()
              + " cannot have a replica in region "
              + target
              + ": a table of that name exists there");
    }
    CreateTableRequest create =
        Backups.createRequest(
                source.name(),
                source.created(),
                new Backups.Overrides(null, null, null, null, null))
            .toBuilder()
            .streamSpecification(
                s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES))
            .build();
    there.tables().createTable(create);
    Table replica = there.tables().require(source.name());
    // Linked first, so no write is missed; the copy then gives way to any write replicated since.
    group.add(target);
    link(source.name());
    Operations here = regions.apply(region);
    Map<ByteBuffer, Version> known =
        versions.computeIfAbsent(target + "/" + source.name(), t -> new ConcurrentHashMap<>());
    TableSnapshot.begin(source, here.locks())
        .read(
            source,
            here.storage().keyspace(source.keyspace()),
            (key, encoded) -> {
              ReentrantLock lock = there.locks().of(replica.name(), key);
              lock.lock();
              try {
                if (!known.containsKey(ByteBuffer.wrap(key))) {
                  apply(there, replica, key, ItemCodec.decode(encoded));
                }
              } finally {
                lock.unlock();
              }
            });
  }

  private void delete(String table, String target) {
    Set<String> group = groups.get(table);
    if (target == null || group == null || !group.contains(target)) {
      throw Errors.validation("Replica " + target + " of table " + table + " does not exist");
    }
    group.remove(target);
    Operations there = regions.apply(target);
    Table replica = there.tables().find(table);
    if (replica != null) {
      replica.replication(null);
      there.tables().deleteTable(DeleteTableRequest.builder().tableName(table).build());
    }
    versions.remove(target + "/" + table);
    link(table);
    if (group.size() <= 1) {
      groups.remove(table);
      versionsByTable.remove(table);
      created.remove(table);
    }
  }

  // ---- version 2017.11.29: a global table over tables made in each region ----

  synchronized CreateGlobalTableResponse createGlobalTable(
      String region, CreateGlobalTableRequest request) {
    String name = request.globalTableName();
    if (name == null) {
      throw Errors.nullMember("globalTableName");
    }
    if (!request.hasReplicationGroup() || request.replicationGroup().isEmpty()) {
      throw Errors.nullMember("replicationGroup");
    }
    if (groups.containsKey(name)) {
      throw globalError(
          GlobalTableAlreadyExistsException.builder(),
          "GlobalTableAlreadyExistsException",
          "Global table with this name already exists");
    }
    Set<String> group = new TreeSet<>();
    for (Replica replica : request.replicationGroup()) {
      group.add(member(replica.regionName(), name));
    }
    versionsByTable.put(name, "2017.11.29");
    created.put(name, clock.instant());
    groups.put(name, group);
    link(name);
    return CreateGlobalTableResponse.builder().globalTableDescription(describe(name)).build();
  }

  synchronized UpdateGlobalTableResponse updateGlobalTable(UpdateGlobalTableRequest request) {
    String name = existing(request.globalTableName());
    Set<String> group = groups.get(name);
    for (ReplicaUpdate update : request.replicaUpdates()) {
      if (update.create() != null) {
        String region = update.create().regionName();
        if (group.contains(region)) {
          throw globalError(
              ReplicaAlreadyExistsException.builder(),
              "ReplicaAlreadyExistsException",
              "Replica already exists in region " + region);
        }
        group.add(member(region, name));
      } else if (update.delete() != null) {
        String region = update.delete().regionName();
        if (!group.remove(region)) {
          throw globalError(
              ReplicaNotFoundException.builder(),
              "ReplicaNotFoundException",
              "Replica not found in region " + region);
        }
        Table left = regions.apply(region).tables().find(name);
        if (left != null) {
          left.replication(null);
          left.update(
              d ->
                  d.toBuilder()
                      .replicas((List<ReplicaDescription>) null)
                      .globalTableVersion(null)
                      .build(),
              List.of());
        }
      }
    }
    link(name);
    return UpdateGlobalTableResponse.builder().globalTableDescription(describe(name)).build();
  }

  DescribeGlobalTableResponse describeGlobalTable(DescribeGlobalTableRequest request) {
    return DescribeGlobalTableResponse.builder()
        .globalTableDescription(describe(existing(request.globalTableName())))
        .build();
  }

  ListGlobalTablesResponse listGlobalTables(ListGlobalTablesRequest request) {
    int limit = request.limit() == null ? 100 : request.limit();
    List<GlobalTable> page = new ArrayList<>();
    String last = null;
    for (String name : new TreeSet<>(versionsByTable.keySet())) {
      if (request.exclusiveStartGlobalTableName() != null
          && name.compareTo(request.exclusiveStartGlobalTableName()) <= 0) {
        continue;
      }
      Set<String> group = groups.getOrDefault(name, Set.of());
      if (request.regionName() != null && !group.contains(request.regionName())) {
        continue;
      }
      if (page.size() == limit) {
        last = page.get(page.size() - 1).globalTableName();
        break;
      }
      List<Replica> members = new ArrayList<>();
      new TreeSet<>(group).forEach(r -> members.add(Replica.builder().regionName(r).build()));
      page.add(GlobalTable.builder().globalTableName(name).replicationGroup(members).build());
    }
    return ListGlobalTablesResponse.builder()
        .globalTables(page)
        .lastEvaluatedGlobalTableName(last)
        .build();
  }

  DescribeGlobalTableSettingsResponse describeGlobalTableSettings(
      DescribeGlobalTableSettingsRequest request) {
    String name = existing(request.globalTableName());
    return DescribeGlobalTableSettingsResponse.builder()
        .globalTableName(name)
        .replicaSettings(settings(name))
        .build();
  }

  /**
   * Changes the billing mode and write capacity of every replica, and each replica's read capacity,
   * through UpdateTable in each region; answers the settings then.
   */
  synchronized UpdateGlobalTableSettingsResponse updateGlobalTableSettings(
      UpdateGlobalTableSettingsRequest request) {
    String name = existing(request.globalTableName());
    for (String region : groups.get(name)) {
      Tables tables = regions.apply(region).tables();
      TableDescription table = tables.require(name).describe();
      UpdateTableRequest.Builder update = UpdateTableRequest.builder().tableName(name);
      boolean changed = false;
      if (request.globalTableBillingMode() != null) {
        update.billingMode(request.globalTableBillingMode());
        changed = true;
      }
      Long write = request.globalTableProvisionedWriteCapacityUnits();
      Long read = null;
      if (request.hasReplicaSettingsUpdate()) {
        for (var replica : request.replicaSettingsUpdate()) {
          if (region.equals(replica.regionName())) {
            read = replica.replicaProvisionedReadCapacityUnits();
          }
        }
      }
      if (write != null || read != null) {
        ProvisionedThroughputDescription now = table.provisionedThroughput();
        long reads = read != null ? read : Math.max(1L, now.readCapacityUnits());
        long writes = write != null ? write : Math.max(1L, now.writeCapacityUnits());
        update.provisionedThroughput(p -> p.readCapacityUnits(reads).writeCapacityUnits(writes));
        changed = true;
      }
      if (changed) {
        tables.updateTable(update.build());
      }
    }
    return UpdateGlobalTableSettingsResponse.builder()
        .globalTableName(name)
        .replicaSettings(settings(name))
        .build();
  }

  private List<ReplicaSettingsDescription> settings(String name) {
    List<ReplicaSettingsDescription> settings = new ArrayList<>();
    for (String region : new TreeSet<>(groups.getOrDefault(name, Set.of()))) {
      TableDescription table = regions.apply(region).tables().require(name).describe();
      ProvisionedThroughputDescription throughput = table.provisionedThroughput();
      List<ReplicaGlobalSecondaryIndexSettingsDescription> indexes = new ArrayList<>();
      if (table.hasGlobalSecondaryIndexes()) {
        table
            .globalSecondaryIndexes()
            .forEach(
                index ->
                    indexes.add(
                        ReplicaGlobalSecondaryIndexSettingsDescription.builder()
                            .indexName(index.indexName())
                            .indexStatus(index.indexStatus())
                            .provisionedReadCapacityUnits(
                                index.provisionedThroughput() == null
                                    ? null
                                    : index.provisionedThroughput().readCapacityUnits())
                            .provisionedWriteCapacityUnits(
                                index.provisionedThroughput() == null
                                    ? null
                                    : index.provisionedThroughput().writeCapacityUnits())
                            .build()));
      }
      settings.add(
          ReplicaSettingsDescription.builder()
              .regionName(region)
              .replicaStatus(ReplicaStatus.ACTIVE)
              .replicaBillingModeSummary(table.billingModeSummary())
              .replicaProvisionedReadCapacityUnits(
                  throughput == null ? null : throughput.readCapacityUnits())
              .replicaProvisionedWriteCapacityUnits(
                  throughput == null ? null : throughput.writeCapacityUnits())
              .replicaGlobalSecondaryIndexSettings(indexes)
              .build());
    }
    return settings;
  }

  /** A region's table of that name, checked to be a fit replica (stream of both images, empty). */
  private String member(String region, String table) {
    if (region == null) {
      throw Errors.nullMember("replicationGroup.regionName");
    }
    Table replica = regions.apply(region).tables().find(table);
    if (replica == null) {
      throw Errors.tableNotFound(table + " in region " + region);
    }
    TableDescription description = replica.describe();
    if (description.streamSpecification() == null
        || description.streamSpecification().streamViewType()
            != StreamViewType.NEW_AND_OLD_IMAGES) {
      throw Errors.validation(
          "Table "
              + table
              + " in region "
              + region
              + " must have DynamoDB Streams enabled with the NEW_AND_OLD_IMAGES view type");
    }
    if (description.itemCount() != 0) {
      throw Errors.validation(
          "Table " + table + " in region " + region + " must be empty to join a global table");
    }
    return region;
  }

  private String existing(String name) {
    if (name == null) {
      throw Errors.nullMember("globalTableName");
    }
    if (!"2017.11.29".equals(versionsByTable.get(name))) {
      throw globalError(
          GlobalTableNotFoundException.builder(),
          "GlobalTableNotFoundException",
          "Global table not found: " + name);
    }
    return name;
  }

  private GlobalTableDescription describe(String name) {
    return GlobalTableDescription.builder()
        .globalTableName(name)
        .globalTableArn("arn:aws:dynamodb::000000000000:global-table/" + name)
        .globalTableStatus(GlobalTableStatus.ACTIVE)
        .creationDateTime(created.get(name))
        .replicationGroup(replicas(groups.getOrDefault(name, Set.of())))
        .build();
  }

  private static List<ReplicaDescription> replicas(Set<String> group) {
    List<ReplicaDescription> list = new ArrayList<>();
    for (String region : new TreeSet<>(group)) {
      list.add(
          ReplicaDescription.builder()
              .regionName(region)
              .replicaStatus(ReplicaStatus.ACTIVE)
              .build());
    }
    return list;
  }

  private static RuntimeException globalError(
      software.amazon.awssdk.awscore.exception.AwsServiceException.Builder builder,
      String code,
      String message) {
    return (RuntimeException) Errors.fill(builder, code, message, 400).build();
  }

  /** Makes every replica of {@code table} tell its writes to the others, and describe them. */
  private void link(String table) {
    Set<String> group = Set.copyOf(groups.get(table));
    for (String region : group) {
      Table replica = regions.apply(region).tables().require(table);
      List<ReplicaDescription> others = new ArrayList<>();
      for (String other : group) {
        if (!other.equals(region)) {
          others.add(
              ReplicaDescription.builder()
                  .regionName(other)
                  .replicaStatus(ReplicaStatus.ACTIVE)
                  .build());
        }
      }
      replica.update(
          created ->
              others.isEmpty()
                  ? created.toBuilder()
                      .replicas((List<ReplicaDescription>) null)
                      .globalTableVersion(null)
                      .build()
                  : created.toBuilder()
                      .replicas(others)
                      .globalTableVersion(versionsByTable.getOrDefault(table, "2019.11.21"))
                      .build(),
          List.of());
      replica.replication(
          others.isEmpty() ? null : (key, item) -> written(region, table, key, item));
    }
  }

  /**
   * Told by a replica, under the item's lock, of a write made in {@code region}: versions it and,
   * unless it is itself a write from another region being applied, sends it to the others.
   */
  private void written(String region, String table, byte[] key, Map<String, AttributeValue> item) {
    if (APPLYING.get()) {
      return;
    }
    Map<ByteBuffer, Version> known =
        versions.computeIfAbsent(region + "/" + table, t -> new ConcurrentHashMap<>());
    ByteBuffer buffer = ByteBuffer.wrap(key.clone());
    Version previous = known.get(buffer);
    long now = clock.millis();
    Version version =
        new Version(
            previous == null || previous.millis() < now ? now : previous.millis() + 1, region);
    known.put(buffer, version);
    Set<String> group = groups.get(table);
    if (group == null) {
      return;
    }
    for (String other : group) {
      if (!other.equals(region)) {
        send(() -> receive(other, table, buffer, item, version));
      }
    }
  }

  /** Applies a write from another region unless the replica holds a later one. */
  private void receive(
      String region,
      String table,
      ByteBuffer key,
      Map<String, AttributeValue> item,
      Version version) {
    Operations there = regions.apply(region);
    Table replica = there.tables().find(table);
    if (replica == null) {
      return;
    }
    byte[] bytes = new byte[key.remaining()];
    key.duplicate().get(bytes);
    ReentrantLock lock = there.locks().of(replica.name(), bytes);
    lock.lock();
    try {
      Map<ByteBuffer, Version> known =
          versions.computeIfAbsent(region + "/" + table, t -> new ConcurrentHashMap<>());
      Version local = known.get(key);
      if (local != null && local.compareTo(version) >= 0) {
        return;
      }
      known.put(key, version);
      apply(there, replica, bytes, item);
    } finally {
      lock.unlock();
    }
  }

  /** Writes {@code item} (null: deletes) into {@code replica} as a write from another region. */
  private static void apply(
      Operations there, Table replica, byte[] key, Map<String, AttributeValue> item) {
    APPLYING.set(true);
    ReentrantLock lock = there.locks().of(replica.name(), key);
    lock.lock();
    try {
      Map<String, AttributeValue> old = there.items().read(replica, key);
      if (old != null || item != null) {
        there.items().write(replica, key, old, item);
      }
    } finally {
      lock.unlock();
      APPLYING.set(false);
    }
  }
}
