package dev.dynakit.engine.internal;

import dev.dynakit.engine.storage.Storage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.CreateGlobalSecondaryIndexAction;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.OnDemandThroughput;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.UpdateGlobalSecondaryIndexAction;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableRequest;

/**
 * UpdateTable's GlobalSecondaryIndexUpdates, checked in DynamoDB's order with its messages, then
 * applied: at most one index created (and filled from the table's items) or deleted, and the
 * throughput of others changed.
 */
final class IndexChanges {
  private final Map<String, ScalarAttributeType> definitions;
  private final Map<String, ProvisionedThroughput> throughputs;
  private final Map<String, OnDemandThroughput> onDemands;
  private final Map<String, TableSettings.Warm> warms;
  private final GlobalSecondaryIndexDescription created;
  private final SecondaryIndex model;
  private final GlobalSecondaryIndexDescription deleted;

  private IndexChanges(
      Map<String, ScalarAttributeType> definitions,
      Map<String, ProvisionedThroughput> throughputs,
      Map<String, OnDemandThroughput> onDemands,
      Map<String, TableSettings.Warm> warms,
      GlobalSecondaryIndexDescription created,
      SecondaryIndex model,
      GlobalSecondaryIndexDescription deleted) {
    this.definitions = definitions;
    this.throughputs = throughputs;
    this.onDemands = onDemands;
    this.warms = warms;
    this.created = created;
    this.model = model;
    this.deleted = deleted;
  }

  /**
   * Checks the updates against the table as described now; {@code onDemand} is the table's billing
   * mode once the request is applied.
   */
  static IndexChanges check(
      Table table,
      TableDescription current,
      UpdateTableRequest request,
      List<GlobalSecondaryIndexUpdate> updates,
      boolean onDemand) {
    Set<String> named = new HashSet<>();
    int createdOrDeleted = 0;
    for (GlobalSecondaryIndexUpdate update : updates) {
      if (update.create() == null && update.update() == null && update.delete() == null) {
        throw Errors.validation("Update global secondary index action is null");
      }
      List<String> names = new ArrayList<>();
      if (update.create() != null) {
        createdOrDeleted++;
        names.add(update.create().indexName());
      }
      if (update.update() != null) {
        names.add(update.update().indexName());
      }
      if (update.delete() != null) {
        createdOrDeleted++;
        names.add(update.delete().indexName());
      }
      for (String name : names) {
        if (!named.add(name)) {
          throw Errors.validation(
              "Only one global secondary index update per index is allowed simultaneously.");
        }
      }
    }
    if (createdOrDeleted > 1) {
      throw Errors.limitExceeded(
          "Subscriber limit exceeded: Only 1 online index can be created or deleted"
              + " simultaneously per table");
    }
    Map<String, GlobalSecondaryIndexDescription> globals = new LinkedHashMap<>();
    if (current.hasGlobalSecondaryIndexes()) {
      current.globalSecondaryIndexes().forEach(index -> globals.put(index.indexName(), index));
    }
    Set<String> locals = new HashSet<>();
    if (current.hasLocalSecondaryIndexes()) {
      current.localSecondaryIndexes().forEach(index -> locals.add(index.indexName()));
    }
    Map<String, ScalarAttributeType> types = new LinkedHashMap<>();
    current.attributeDefinitions().forEach(d -> types.put(d.attributeName(), d.attributeType()));
    Map<String, ProvisionedThroughput> throughputs = new LinkedHashMap<>();
    Map<String, OnDemandThroughput> onDemands = new LinkedHashMap<>();
    Map<String, TableSettings.Warm> warms = new LinkedHashMap<>();
    GlobalSecondaryIndexDescription created = null;
    SecondaryIndex model = null;
    GlobalSecondaryIndexDescription deleted = null;
    for (int i = 0; i < updates.size(); i++) {
      GlobalSecondaryIndexUpdate update = updates.get(i);
      String member = "globalSecondaryIndexUpdates." + (i + 1) + ".member.";
      if (update.delete() != null) {
        String name = update.delete().indexName();
        deleted = globals.get(name);
        if (deleted == null) {
          if (locals.contains(name)) {
            throw Errors.validation("Cannot delete an index that is not a GlobalSecondaryIndex");
          }
          throw Errors.resourceNotFound("Requested resource not found");
        }
      }
      if (update.update() != null) {
        String name = update.update().indexName();
        GlobalSecondaryIndexDescription index = globals.get(name);
        if (index == null) {
          throw Errors.validation("Invalid global secondary index name");
        }
        UpdateGlobalSecondaryIndexAction action = update.update();
        ProvisionedThroughput throughput = action.provisionedThroughput();
        // DynamoDB Local takes an empty OnDemandThroughput beside a provisioned one; so does this.
        OnDemandThroughput maximums = action.onDemandThroughput();
        boolean newMaximums =
            maximums != null
                && (maximums.maxReadRequestUnits() != null
                    || maximums.maxWriteRequestUnits() != null);
        if (newMaximums) {
          TableSettings.checkOnDemand(maximums);
          onDemands.put(name, maximums);
        }
        if (action.warmThroughput() != null) {
          TableSettings.checkWarm(action.warmThroughput(), member + "update.warmThroughput");
          warms.put(
              name,
              TableSettings.Warm.after(
                  TableSettings.Warm.of(index.warmThroughput()),
                  onDemand ? null : throughput != null ? throughput : provisioned(index),
                  action.warmThroughput()));
        }
        boolean throughputOnly = !newMaximums && action.warmThroughput() == null;
        if (throughput != null || throughputOnly) {
          IndexDefinitions.checkUnits(
              throughput == null ? ProvisionedThroughput.builder().build() : throughput);
        }
        // DynamoDB Local accepts, and ignores, the throughput of an index of an on-demand table.
        if (!onDemand && throughput != null) {
          var now = index.provisionedThroughput();
          if (now != null
              && throughput.readCapacityUnits().equals(now.readCapacityUnits())
              && throughput.writeCapacityUnits().equals(now.writeCapacityUnits())) {
            throw Errors.validation("The requested throughput value equals the current value");
          }
          throughputs.put(name, throughput);
        }
      }
      if (update.create() != null) {
        CreateGlobalSecondaryIndexAction create = update.create();
        String name = create.indexName();
        if (globals.containsKey(name) || locals.contains(name)) {
          throw Errors.validation("Attempting to create an index which already exists");
        }
        if (!request.hasAttributeDefinitions() || request.attributeDefinitions().isEmpty()) {
          throw Errors.validation("No Attribute Schema Defined");
        }
        for (AttributeDefinition definition : request.attributeDefinitions()) {
          Tables.checkType(definition);
          ScalarAttributeType before =
              types.putIfAbsent(definition.attributeName(), definition.attributeType());
          if (before != null && before != definition.attributeType()) {
            throw Errors.validation(
                "invalid attribute, SchemaElement redefined should be of same type as previously"
                    + " defined");
          }
        }
        IndexDefinitions.checkThroughput(create.provisionedThroughput(), onDemand);
        IndexDefinitions.checkName(name);
        IndexDefinitions.checkProjection(create.projection());
        IndexDefinitions.checkKeyShape(create.keySchema(), true);
        IndexDefinitions.checkDefined(create.keySchema(), types);
        IndexDefinitions.checkAsDocumented(create.provisionedThroughput(), onDemand, name);
        int projected = IndexDefinitions.projected(create.projection());
        for (GlobalSecondaryIndexDescription index : globals.values()) {
          projected += IndexDefinitions.projected(index.projection());
        }
        if (current.hasLocalSecondaryIndexes()) {
          for (LocalSecondaryIndexDescription index : current.localSecondaryIndexes()) {
            projected += IndexDefinitions.projected(index.projection());
          }
        }
        IndexDefinitions.checkProjectedTotal(projected);
        if (globals.size() >= IndexDefinitions.MAX_GLOBAL) {
          throw Errors.limitExceeded("Number of global secondary indexes exceeds per-table limit");
        }
        var description =
            IndexDefinitions.global(
                name,
                create.keySchema(),
                create.projection(),
                onDemand ? null : create.provisionedThroughput(),
                current.tableArn());
        if (create.onDemandThroughput() != null) {
          TableSettings.checkOnDemand(create.onDemandThroughput());
        }
        if (create.warmThroughput() != null) {
          TableSettings.checkWarm(create.warmThroughput(), member + "create.warmThroughput");
        }
        if (onDemand) {
          description.onDemandThroughput(
              create.onDemandThroughput() != null
                  ? create.onDemandThroughput()
                  : OnDemandThroughput.builder()
                      .maxReadRequestUnits(-1L)
                      .maxWriteRequestUnits(-1L)
                      .build());
        }
        description.warmThroughput(
            TableSettings.Warm.after(
                    null, onDemand ? null : create.provisionedThroughput(), create.warmThroughput())
                .ofIndex());
        created = description.build();
        model =
            IndexDefinitions.model(
                name,
                true,
                create.keySchema(),
                create.projection(),
                table.keys(),
                types,
                current.tableId());
      }
    }
    if (deleted != null) {
      Set<String> used = new HashSet<>();
      current.keySchema().forEach(key -> used.add(key.attributeName()));
      for (GlobalSecondaryIndexDescription index : globals.values()) {
        if (index != deleted) {
          index.keySchema().forEach(key -> used.add(key.attributeName()));
        }
      }
      if (current.hasLocalSecondaryIndexes()) {
        current
            .localSecondaryIndexes()
            .forEach(index -> index.keySchema().forEach(key -> used.add(key.attributeName())));
      }
      types.keySet().retainAll(used);
    }
    return new IndexChanges(types, throughputs, onDemands, warms, created, model, deleted);
  }

  /** An index's provisioned throughput as described, or null for an index of on-demand units. */
  private static ProvisionedThroughput provisioned(GlobalSecondaryIndexDescription index) {
    var now = index.provisionedThroughput();
    return now == null || now.readCapacityUnits() == null || now.readCapacityUnits() == 0
        ? null
        : ProvisionedThroughput.builder()
            .readCapacityUnits(now.readCapacityUnits())
            .writeCapacityUnits(now.writeCapacityUnits())
            .build();
  }

  /** Writes the changes into the table's description (as kept: a new index is ACTIVE). */
  void describe(TableDescription description, TableDescription.Builder changed) {
    List<AttributeDefinition> attributes = new ArrayList<>();
    definitions.forEach(
        (name, type) ->
            attributes.add(
                AttributeDefinition.builder().attributeName(name).attributeType(type).build()));
    changed.attributeDefinitions(
        IndexDefinitions.inHashOrder(attributes, AttributeDefinition::attributeName));
    List<GlobalSecondaryIndexDescription> globals = new ArrayList<>();
    if (description.hasGlobalSecondaryIndexes()) {
      for (GlobalSecondaryIndexDescription index : description.globalSecondaryIndexes()) {
        ProvisionedThroughput throughput = throughputs.get(index.indexName());
        if (deleted != null && index.indexName().equals(deleted.indexName())) {
          continue;
        }
        GlobalSecondaryIndexDescription.Builder updated = index.toBuilder();
        if (throughput != null) {
          updated.provisionedThroughput(
              index.provisionedThroughput() == null
                  ? IndexDefinitions.throughput(throughput)
                  : index.provisionedThroughput().toBuilder()
                      .readCapacityUnits(throughput.readCapacityUnits())
                      .writeCapacityUnits(throughput.writeCapacityUnits())
                      .build());
        }
        if (onDemands.containsKey(index.indexName())) {
          updated.onDemandThroughput(onDemands.get(index.indexName()));
        }
        if (warms.containsKey(index.indexName())) {
          updated.warmThroughput(warms.get(index.indexName()).ofIndex());
        }
        globals.add(updated.build());
      }
    }
    if (created != null) {
      globals.add(created);
    }
    changed.globalSecondaryIndexes(
        globals.isEmpty()
            ? null
            : IndexDefinitions.inHashOrder(globals, GlobalSecondaryIndexDescription::indexName));
  }

  /**
   * The storage batch of the changes: a created index's keyspace and entries (read from the table's
   * items), or a deleted one's keyspace dropped; with the index's counters.
   */
  List<Storage.Mutation> mutations(Table table) {
    List<Storage.Mutation> batch = new ArrayList<>();
    if (model != null) {
      batch.addAll(table.backfill(model));
    }
    if (deleted != null) {
      table.index(deleted.indexName()).ifPresent(index -> batch.addAll(table.drop(index)));
    }
    return batch;
  }

  /** Makes the changes the table's, once {@link #mutations} are stored. */
  void apply(Table table) {
    if (model != null) {
      table.addIndex(model);
    }
    if (deleted != null) {
      table.removeIndex(deleted.indexName());
    }
  }

  /**
   * The description UpdateTable answers: a created index still CREATING (not backfilling yet, no
   * counts), a deleted one DELETING, as DynamoDB reports them when the request returns.
   */
  TableDescription respond(TableDescription now) {
    List<GlobalSecondaryIndexDescription> globals = new ArrayList<>();
    if (now.hasGlobalSecondaryIndexes()) {
      for (GlobalSecondaryIndexDescription index : now.globalSecondaryIndexes()) {
        globals.add(
            created != null && index.indexName().equals(created.indexName())
                ? index.toBuilder()
                    .indexStatus(IndexStatus.CREATING)
                    .backfilling(false)
                    .itemCount(null)
                    .indexSizeBytes(null)
                    .build()
                : index);
      }
    }
    if (deleted != null) {
      globals.add(
          deleted.toBuilder()
              .indexStatus(IndexStatus.DELETING)
              .itemCount(0L)
              .indexSizeBytes(0L)
              .build());
    }
    return now.toBuilder()
        .globalSecondaryIndexes(
            IndexDefinitions.inHashOrder(globals, GlobalSecondaryIndexDescription::indexName))
        .build();
  }
}
