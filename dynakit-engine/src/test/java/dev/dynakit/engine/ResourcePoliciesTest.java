package dev.dynakit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GetResourcePolicyResponse;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;

/**
 * PutResourcePolicy, GetResourcePolicy and DeleteResourcePolicy, and CreateTable's {@code
 * ResourcePolicy}, on the engine, in-process and over HTTP, as the API reference and DynamoDB's
 * answers describe them: DynamoDB Local serves none of it (asserted here too), so the scenarios
 * come from the AWS documentation, with DynamoDB's words for its errors (docs/compatibility.md).
 */
class ResourcePoliciesTest {
  private static final Instant NOW = Instant.parse("2026-01-02T03:04:05.678Z");
  private static final TransactionsTest.MutableClock CLOCK = new TransactionsTest.MutableClock(NOW);
  private static final AmazonDynamoDBLocal LOCAL = DynamoDBEmbedded.create(true);
  private static final DynamoDbClient REFERENCE = LOCAL.dynamoDbClient();
  private static final DynakitEngine ENGINE =
      DynakitEngine.builder().clock(CLOCK).region("eu-west-1").build();
  private static final DynakitEngine HTTP_ENGINE =
      DynakitEngine.builder().clock(CLOCK).region("eu-west-1").build();
  private static final DynamoDbClient HTTP = Targets.overHttp(HTTP_ENGINE);
  private static final List<DynamoDbClient> ENGINES = List.of(ENGINE.client(), HTTP);
  private static final String ARN = "arn:aws:dynamodb:eu-west-1:000000000000:table/";
  private static final String NOT_FOUND =
      "Resource-based policy not found for the provided ResourceArn: ";
  private static final String INVALID = "One or more parameter values were invalid: ";
  private static final String DOCUMENT = INVALID + "Invalid policy document: ";

  @TempDir Path dir;

  @AfterAll
  static void stop() {
    LOCAL.shutdownNow();
    ENGINE.close();
    HTTP_ENGINE.close();
  }

  /** A policy allowing another account one action on every resource. */
  static String policy(String action) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"s1\",\"Effect\":\"Allow\","
        + "\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},\"Action\":\""
        + action
        + "\",\"Resource\":\"*\"}]}";
  }

  /** A policy of one statement, given as the JSON of the statement. */
  static String statement(String json) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[" + json + "]}";
  }

  static Consumer<CreateTableRequest.Builder> table(String name) {
    return b ->
        b.tableName(name)
            .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
            .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
            .billingMode(BillingMode.PAY_PER_REQUEST);
  }

  private static List<Object> refused(String code, String message) {
    String type =
        code.equals("ValidationException") || code.equals("AccessDeniedException")
            ? "DynamoDbException"
            : code;
    return List.of(type, code, message);
  }

  private static String revision(Instant at) {
    return Long.toString(at.toEpochMilli());
  }

  @Test
  void dynamoDbLocalServesNoResourcePolicyAndAcceptsAnyOnCreateTable() {
    REFERENCE.createTable(table("local").andThen(b -> b.resourcePolicy("not a policy")));
    String arn = "arn:aws:dynamodb:ddblocal:000000000000:table/local";
    assertThatThrownBy(
            () -> REFERENCE.putResourcePolicy(b -> b.resourceArn(arn).policy(policy("dynamodb:*"))))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> REFERENCE.getResourcePolicy(b -> b.resourceArn(arn)))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> REFERENCE.deleteResourcePolicy(b -> b.resourceArn(arn)))
        .isInstanceOf(UnsupportedOperationException.class);
    REFERENCE.deleteTable(b -> b.tableName("local"));
  }

  @Test
  void aPolicyIsKeptWithItsRevisionAsTheApiReferenceSays() {
    for (DynamoDbClient client : ENGINES) {
      client.createTable(table("kept"));
      String arn = ARN + "kept";
      assertThat(Targets.outcome(client, c -> c.getResourcePolicy(b -> b.resourceArn(arn))))
          .isEqualTo(refused("PolicyNotFoundException", NOT_FOUND + arn));
      // Deleting no policy is not an error, and names no revision.
      assertThat(client.deleteResourcePolicy(b -> b.resourceArn(arn)).revisionId()).isNull();

      CLOCK.advance(Duration.ofSeconds(1));
      Instant first = CLOCK.instant();
      String read = policy("dynamodb:GetItem");
      assertThat(
              client
                  .putResourcePolicy(
                      b -> b.resourceArn(arn).policy(read).expectedRevisionId("NO_POLICY"))
                  .revisionId())
          .isEqualTo(revision(first));
      assertThat(Targets.canonical(client.getResourcePolicy(b -> b.resourceArn(arn))))
          .isEqualTo(
              Targets.canonical(
                  GetResourcePolicyResponse.builder()
                      .policy(read)
                      .revisionId(revision(first))
                      .build()));

      // An equivalent document (other white space and order of keys) changes nothing.
      CLOCK.advance(Duration.ofSeconds(1));
      String reordered =
          "{ \"Statement\" : [ { \"Resource\":\"*\", \"Action\":\"dynamodb:GetItem\","
              + " \"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"}, \"Effect\":\"Allow\","
              + " \"Sid\":\"s1\" } ], \"Version\" : \"2012-10-17\" }";
      assertThat(client.putResourcePolicy(b -> b.resourceArn(arn).policy(reordered)).revisionId())
          .isEqualTo(revision(first));
      // So is one with lists of one element, an account id for its root, an Effect in lower case.
      String listed =
          "{\"Version\":\"2012-10-17\",\"Statement\":{\"Sid\":\"s1\",\"Effect\":\"allow\","
              + "\"Principal\":{\"AWS\":[\"111122223333\",\"arn:aws:iam::111122223333:root\"]},"
              + "\"Action\":[\"dynamodb:GetItem\"],\"Resource\":[\"*\"]}}";
      assertThat(client.putResourcePolicy(b -> b.resourceArn(arn).policy(listed)).revisionId())
          .isEqualTo(revision(first));
      assertThat(client.getResourcePolicy(b -> b.resourceArn(arn)).policy()).isEqualTo(read);

      // Another document is a new revision, the time of the change.
      Instant second = CLOCK.instant();
      String write = policy("dynamodb:PutItem");
      assertThat(
              client
                  .putResourcePolicy(
                      b -> b.resourceArn(arn).policy(write).expectedRevisionId(revision(first)))
                  .revisionId())
          .isEqualTo(revision(second));
      // Two changes at one instant still get two revisions.
      assertThat(
              client
                  .putResourcePolicy(b -> b.resourceArn(arn).policy(policy("dynamodb:Query")))
                  .revisionId())
          .isEqualTo(revision(second.plusMillis(1)));
      String current = revision(second.plusMillis(1));

      assertThat(
              Targets.outcome(
                  client,
                  c ->
                      c.putResourcePolicy(
                          b ->
                              b.resourceArn(arn)
                                  .policy(write)
                                  .expectedRevisionId(revision(first)))))
          .isEqualTo(
              refused(
                  "PolicyNotFoundException",
                  NOT_FOUND
                      + "Requested update for policy with revision id "
                      + revision(first)
                      + ", but the policy associated to target table kept has revision id "
                      + current
                      + "."));
      assertThat(
              Targets.outcome(
                  client,
                  c ->
                      c.putResourcePolicy(
                          b -> b.resourceArn(arn).policy(write).expectedRevisionId("NO_POLICY"))))
          .isEqualTo(
              refused(
                  "PolicyNotFoundException",
                  NOT_FOUND
                      + "Requested policy update expecting none to be present for table kept, but a"
                      + " policy exists with revision id "
                      + current
                      + "."));
      assertThat(
              Targets.outcome(
                  client,
                  c ->
                      c.deleteResourcePolicy(
                          b -> b.resourceArn(arn).expectedRevisionId(revision(first)))))
          .isEqualTo(
              refused(
                  "PolicyNotFoundException",
                  NOT_FOUND
                      + "Requested update for policy with revision id "
                      + revision(first)
                      + ", but the policy associated to target table kept has revision id "
                      + current
                      + "."));

      // Deleting answers the revision deleted; then there is none.
      assertThat(
              client
                  .deleteResourcePolicy(b -> b.resourceArn(arn).expectedRevisionId(current))
                  .revisionId())
          .isEqualTo(current);
      assertThat(Targets.outcome(client, c -> c.getResourcePolicy(b -> b.resourceArn(arn))))
          .isEqualTo(refused("PolicyNotFoundException", NOT_FOUND + arn));
      assertThat(
              Targets.outcome(
                  client,
                  c -> c.deleteResourcePolicy(b -> b.resourceArn(arn).expectedRevisionId(current))))
          .isEqualTo(
              refused(
                  "PolicyNotFoundException",
                  NOT_FOUND
                      + "Requested update for policy with revision id "
                      + current
                      + ", but table kept has no associated policy."));
      assertThat(
              Targets.outcome(
                  client,
                  c ->
                      c.putResourcePolicy(
                          b -> b.resourceArn(arn).policy(write).expectedRevisionId(current))))
          .isEqualTo(
              refused(
                  "PolicyNotFoundException",
                  NOT_FOUND
                      + "Requested update for policy with revision id "
                      + current
                      + ", but table kept has no associated policy."));
      client.deleteTable(b -> b.tableName("kept"));
    }
  }

  @Test
  void aPolicyGivenToCreateTableIsKeptWithTheTableAndGoesWithIt() {
    for (DynamoDbClient client : ENGINES) {
      CLOCK.advance(Duration.ofSeconds(1));
      Instant created = CLOCK.instant();
      String given = policy("dynamodb:Scan");
      client.createTable(table("created").andThen(b -> b.resourcePolicy(given)));
      assertThat(Targets.canonical(client.getResourcePolicy(b -> b.resourceArn(ARN + "created"))))
          .isEqualTo(
              Targets.canonical(
                  GetResourcePolicyResponse.builder()
                      .policy(given)
                      .revisionId(revision(created))
                      .build()));
      client.deleteTable(b -> b.tableName("created"));
      for (Function<DynamoDbClient, Object> call :
          List.<Function<DynamoDbClient, Object>>of(
              c -> c.getResourcePolicy(b -> b.resourceArn(ARN + "created")),
              c -> c.putResourcePolicy(b -> b.resourceArn(ARN + "created").policy(given)),
              c -> c.deleteResourcePolicy(b -> b.resourceArn(ARN + "created")))) {
        assertThat(Targets.outcome(client, call))
            .isEqualTo(
                refused(
                    "ResourceNotFoundException",
                    "Requested resource not found: Table: created not found"));
      }
      client.createTable(table("created"));
      assertThat(
              Targets.outcome(
                  client, c -> c.getResourcePolicy(b -> b.resourceArn(ARN + "created"))))
          .isEqualTo(refused("PolicyNotFoundException", NOT_FOUND + ARN + "created"));
      client.deleteTable(b -> b.tableName("created"));
    }
  }

  @Test
  void aStreamHasAPolicyOfItsOwn() {
    for (DynamoDbClient client : ENGINES) {
      client.createTable(
          table("streamed")
              .andThen(
                  b ->
                      b.streamSpecification(
                          s -> s.streamEnabled(true).streamViewType(StreamViewType.KEYS_ONLY))));
      String stream = client.describeTable(b -> b.tableName("streamed")).table().latestStreamArn();
      String records = policy("dynamodb:GetRecords");
      String revision =
          client.putResourcePolicy(b -> b.resourceArn(stream).policy(records)).revisionId();
      assertThat(Targets.canonical(client.getResourcePolicy(b -> b.resourceArn(stream))))
          .isEqualTo(
              Targets.canonical(
                  GetResourcePolicyResponse.builder()
                      .policy(records)
                      .revisionId(revision)
                      .build()));
      assertThat(
              Targets.outcome(
                  client, c -> c.getResourcePolicy(b -> b.resourceArn(ARN + "streamed"))))
          .isEqualTo(refused("PolicyNotFoundException", NOT_FOUND + ARN + "streamed"));
      String other = ARN + "streamed/stream/2000-01-01T00:00:00.000";
      assertThat(Targets.outcome(client, c -> c.getResourcePolicy(b -> b.resourceArn(other))))
          .isEqualTo(
              refused(
                  "ResourceNotFoundException",
                  "Requested resource not found: Stream: 2000-01-01T00:00:00.000 not found for"
                      + " Table: streamed"));
      assertThat(client.deleteResourcePolicy(b -> b.resourceArn(stream)).revisionId())
          .isEqualTo(revision);
      client.deleteTable(b -> b.tableName("streamed"));
    }
  }

  @Test
  void aPolicyIsGivenBackInDynamoDbsForm() {
    // IAM defaults a missing Version to 2008-10-17; DynamoDB gives the document back with it, and
    // takes the document without Version for another one (docs/compatibility.md).
    String unversioned =
        "{ \"Statement\": {\"Effect\":\"allow\",\"Principal\":{\"AWS\":\"111122223333\"},"
            + "\"NotAction\":\"dynamodb:DeleteTable\",\"NotResource\":[\"x\"]} }";
    String scrambled =
        "{\"Statement\":[{\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}},"
            + "\"Resource\":[\"a\",\"b\"],\"Action\":[\"dynamodb:GetItem\",\"dynamodb:Query\"],"
            + "\"Principal\":\"*\",\"Effect\":\"DENY\",\"Sid\":\"x\"}],"
            + "\"Version\":\"2012-10-17\",\"Id\":\"p1\"}";
    for (DynamoDbClient client : ENGINES) {
      client.createTable(table("formed").andThen(b -> b.resourcePolicy(scrambled)));
      assertThat(client.getResourcePolicy(b -> b.resourceArn(ARN + "formed")).policy())
          .isEqualTo(
              "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"x\",\"Effect\":\"Deny\","
                  + "\"Principal\":\"*\",\"Action\":[\"dynamodb:GetItem\",\"dynamodb:Query\"],"
                  + "\"Resource\":[\"a\",\"b\"],"
                  + "\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}],"
                  + "\"Id\":\"p1\"}");
      CLOCK.advance(Duration.ofSeconds(1));
      String first =
          client
              .putResourcePolicy(b -> b.resourceArn(ARN + "formed").policy(unversioned))
              .revisionId();
      assertThat(first).isEqualTo(revision(CLOCK.instant()));
      assertThat(client.getResourcePolicy(b -> b.resourceArn(ARN + "formed")).policy())
          .isEqualTo(
              "{\"Version\":\"2008-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                  + "\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},"
                  + "\"NotAction\":\"dynamodb:DeleteTable\",\"NotResource\":\"x\"}]}");
      assertThat(
              client
                  .putResourcePolicy(b -> b.resourceArn(ARN + "formed").policy(unversioned))
                  .revisionId())
          .isNotEqualTo(first);
      String notPrincipal =
          statement(
              "{\"Resource\":\"*\",\"Action\":\"dynamodb:DeleteItem\","
                  + "\"NotPrincipal\":{\"AWS\":[\"111122223333\"]},\"Effect\":\"Deny\"}");
      client.putResourcePolicy(b -> b.resourceArn(ARN + "formed").policy(notPrincipal));
      assertThat(client.getResourcePolicy(b -> b.resourceArn(ARN + "formed")).policy())
          .isEqualTo(
              "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\","
                  + "\"NotPrincipal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},"
                  + "\"Action\":\"dynamodb:DeleteItem\",\"Resource\":\"*\"}]}");
      client.deleteTable(b -> b.tableName("formed"));
    }
  }

  @Test
  void aPolicyThatLocksTheAccountOutNeedsConfirmation() {
    String denyAll =
        statement(
            "{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"dynamodb:*\",\"Resource\":\"*\"}");
    String denyOther =
        statement(
            "{\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"111122223333\"},"
                + "\"Action\":\"dynamodb:PutResourcePolicy\",\"Resource\":\"*\"}");
    String denyAccount =
        statement(
            "{\"Effect\":\"Deny\",\"Principal\":{\"AWS\":[\"arn:aws:iam::000000000000:root\"]},"
                + "\"Action\":[\"dynamodb:Put*\"],\"Resource\":\"*\"}");
    for (DynamoDbClient client : ENGINES) {
      client.createTable(table("locked"));
      String arn = ARN + "locked";
      for (String locking : List.of(denyAll, denyAccount)) {
        assertThat(
                Targets.outcome(
                    client, c -> c.putResourcePolicy(b -> b.resourceArn(arn).policy(locking))))
            .isEqualTo(
                refused(
                    "AccessDeniedException",
                    "The policy denies this account dynamodb:PutResourcePolicy on "
                        + arn
                        + ", which would keep it from changing the policy again: set"
                        + " ConfirmRemoveSelfResourceAccess to true to attach it"));
      }
      client.putResourcePolicy(b -> b.resourceArn(arn).policy(denyOther));
      client.putResourcePolicy(
          b -> b.resourceArn(arn).policy(denyAll).confirmRemoveSelfResourceAccess(true));
      // Not enforced: the engine keeps policies and answers for them only.
      assertThat(client.getResourcePolicy(b -> b.resourceArn(arn)).policy()).isEqualTo(denyAll);
      client.deleteTable(b -> b.tableName("locked"));
    }
  }

  static Stream<Arguments> refusals() {
    List<Arguments> cases = new ArrayList<>();
    String table = ARN + "guarded";
    String ok = policy("dynamodb:GetItem");
    BiConsumer<Function<DynamoDbClient, Object>, List<Object>> add =
        (call, expected) ->
            cases.add(Arguments.of(cases.size() + ": " + expected.get(2), call, expected));
    String v = "ValidationException";
    // The ARN, for each operation
    List<Function<String, Function<DynamoDbClient, Object>>> operations =
        List.of(
            arn -> c -> c.putResourcePolicy(b -> b.resourceArn(arn).policy(ok)),
            arn -> c -> c.getResourcePolicy(b -> b.resourceArn(arn)),
            arn -> c -> c.deleteResourcePolicy(b -> b.resourceArn(arn)));
    for (Function<String, Function<DynamoDbClient, Object>> operation : operations) {
      add.accept(
          operation.apply(null),
          refused(
              v,
              "1 validation error detected: Value null at 'resourceArn' failed to satisfy"
                  + " constraint: Member must not be null"));
      add.accept(
          operation.apply(""),
          refused(
              v,
              "1 validation error detected: Value '' at 'resourceArn' failed to satisfy"
                  + " constraint: Member must have length greater than or equal to 1"));
      add.accept(
          operation.apply("guarded"), refused(v, INVALID + "ARNs must start with 'arn:': guarded"));
      for (String other :
          List.of(
              "arn:aws:dynamodb:us-east-1:000000000000:table/guarded",
              "arn:aws-cn:dynamodb:eu-west-1:000000000000:table/guarded",
              "arn:aws:s3:eu-west-1:000000000000:table/guarded",
              "arn:aws:dynamodb:eu-west-1:000000000000:guarded",
              ARN + "a")) {
        add.accept(operation.apply(other), refused(v, INVALID + "Invalid resource Arn: " + other));
      }
      add.accept(
          operation.apply("arn:aws:dynamodb:eu-west-1:111122223333:table/guarded"),
          refused(
              v,
              "This action is only supported by accounts that match the resource owner’s"
                  + " account."));
      add.accept(
          operation.apply(table + "/index/byOwner"),
          refused(
              v,
              INVALID
                  + "Invalid resource arn provided, only table or stream is accepted. Provided"
                  + " resource arn: "
                  + table
                  + "/index/byOwner"));
      for (String notDynamoDb :
          List.of(
              table + "/backup/01234567890123",
              "arn:aws:dynamodb:eu-west-1:000000000000:backup/x")) {
        add.accept(
            operation.apply(notDynamoDb),
            refused(v, INVALID + "Provided Arn is not a DynamoDB resource arn: " + notDynamoDb));
      }
      add.accept(
          operation.apply(ARN + "missing"),
          refused(
              "ResourceNotFoundException",
              "Requested resource not found: Table: missing not found"));
    }
    add.accept(
        c -> c.putResourcePolicy(b -> b.resourceArn(table)),
        refused(
            v,
            "1 validation error detected: Value null at 'policy' failed to satisfy constraint:"
                + " Member must not be null"));
    String tooLong = "arn:" + "x".repeat(1280);
    add.accept(
        c -> c.getResourcePolicy(b -> b.resourceArn(tooLong)),
        refused(
            v,
            "1 validation error detected: Value '"
                + tooLong
                + "' at 'resourceArn' failed to satisfy constraint: Member must have length less"
                + " than or equal to 1283"));
    add.accept(
        c -> c.deleteResourcePolicy(b -> b.resourceArn(table).expectedRevisionId("")),
        refused(
            v,
            "1 validation error detected: Value '' at 'expectedRevisionId' failed to satisfy"
                + " constraint: Member must have length greater than or equal to 1"));
    add.accept(
        c ->
            c.putResourcePolicy(
                b -> b.resourceArn(table).policy(ok).expectedRevisionId("9".repeat(256))),
        refused(
            v,
            "1 validation error detected: Value '"
                + "9".repeat(256)
                + "' at 'expectedRevisionId' failed to satisfy constraint: Member must have length"
                + " less than or equal to 255"));
    // The document, on PutResourcePolicy and on CreateTable
    String allow = "\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"dynamodb:GetItem\"";
    List<String[]> documents = new ArrayList<>();
    documents.add(
        new String[] {
          statement("{" + allow + ",\"Resource\":\"" + " ".repeat(20_400) + "*\"}"),
          INVALID + "Maximum policy size of 20480 bytes exceeded"
        });
    for (String json :
        List.of("", "not json", "{\"Version\":", "[]", "\"text\"", "{} {}", "{\"a\":1,\"a\":2}")) {
      documents.add(new String[] {json, DOCUMENT + "This policy contains invalid Json"});
    }
    documents.add(
        new String[] {
          "{\"Version\":\"2012-10-17\"}", DOCUMENT + "Missing required field Statement"
        });
    documents.add(
        new String[] {
          "{\"Version\":\"2012-10-17\",\"Statement\":[]}",
          DOCUMENT + "Could not parse the policy: Statement is empty!"
        });
    documents.add(
        new String[] {
          "{\"Version\":\"2012-10-18\",\"Statement\":{" + allow + ",\"Resource\":\"*\"}}",
          DOCUMENT + "The policy's Version must be 2012-10-17 or 2008-10-17"
        });
    documents.add(
        new String[] {statement("\"s\""), DOCUMENT + "Each Statement must be a JSON object"});
    documents.add(
        new String[] {
          statement("{\"Principal\":\"*\",\"Action\":\"dynamodb:GetItem\",\"Resource\":\"*\"}"),
          DOCUMENT + "Missing required field Effect"
        });
    documents.add(
        new String[] {
          statement(
              "{\"Effect\":\"Maybe\",\"Principal\":\"*\",\"Action\":\"dynamodb:GetItem\","
                  + "\"Resource\":\"*\"}"),
          DOCUMENT + "Effect must be Allow or Deny"
        });
    documents.add(
        new String[] {
          statement("{\"Effect\":\"Allow\",\"Action\":\"dynamodb:GetItem\",\"Resource\":\"*\"}"),
          DOCUMENT + "Missing required field Principal"
        });
    for (String principal : List.of("\"someone\"", "{}", "{\"AWS\":[]}", "{\"AWS\":1}")) {
      documents.add(
          new String[] {
            statement(
                "{\"Effect\":\"Allow\",\"Principal\":"
                    + principal
                    + ",\"Action\":\"dynamodb:GetItem\",\"Resource\":\"*\"}"),
            DOCUMENT + "Principal must be \"*\" or an object of principals"
          });
    }
    documents.add(
        new String[] {
          statement("{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Resource\":\"*\"}"),
          DOCUMENT + "Missing required field Action"
        });
    documents.add(
        new String[] {statement("{" + allow + "}"), DOCUMENT + "Missing required field Resource"});
    documents.add(
        new String[] {
          statement("{" + allow + ",\"Resource\":[]}"),
          DOCUMENT + "Resource must be a string or a list of strings"
        });
    documents.add(
        new String[] {
          statement(
              "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"NotAction\":[1],\"Resource\":\"*\"}"),
          DOCUMENT + "Action must be a string or a list of strings"
        });
    documents.add(
        new String[] {
          statement("{" + allow + ",\"Resource\":\"*\",\"Condition\":\"c\"}"),
          DOCUMENT + "Condition must be an object"
        });
    documents.add(
        new String[] {
          statement("{\"Sid\":1," + allow + ",\"Resource\":\"*\"}"),
          DOCUMENT + "Sid must be a string"
        });
    documents.add(
        new String[] {
          statement(
              "{\"Sid\":\"a\","
                  + allow
                  + ",\"Resource\":\"*\"},{\"Sid\":\"a\","
                  + allow
                  + ",\"NotResource\":\"x\"}"),
          DOCUMENT + "Statement IDs (SID) in a single policy must be unique: a"
        });
    for (String[] document : documents) {
      add.accept(
          c -> c.putResourcePolicy(b -> b.resourceArn(table).policy(document[0])),
          refused(v, document[1]));
      add.accept(
          c -> c.createTable(table("refused").andThen(b -> b.resourcePolicy(document[0]))),
          refused(v, document[1]));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void requestsAreCheckedAsDynamoDbChecksThem(
      String name, Function<DynamoDbClient, Object> call, List<Object> expected) {
    for (DynamoDbClient client : ENGINES) {
      if (!client.listTables().tableNames().contains("guarded")) {
        client.createTable(table("guarded"));
      }
      assertThat(Targets.outcome(client, call)).isEqualTo(expected);
      assertThat(client.listTables().tableNames()).doesNotContain("refused");
    }
  }

  @Test
  void aDurableEngineKeepsPoliciesAcrossAReopenAndForgetsThemWithTheirTable() {
    String given = policy("dynamodb:Scan");
    String put = policy("dynamodb:GetRecords");
    String tableRevision;
    String streamRevision;
    String stream;
    try (DynakitEngine engine = durable()) {
      DynamoDbClient ddb = engine.client();
      ddb.createTable(table("durable").andThen(b -> b.resourcePolicy(given)));
      ddb.createTable(
          table("streamy")
              .andThen(
                  b ->
                      b.streamSpecification(
                          s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE))));
      stream = ddb.describeTable(b -> b.tableName("streamy")).table().latestStreamArn();
      tableRevision = ddb.getResourcePolicy(b -> b.resourceArn(ARN + "durable")).revisionId();
      streamRevision = ddb.putResourcePolicy(b -> b.resourceArn(stream).policy(put)).revisionId();
      ddb.putResourcePolicy(b -> b.resourceArn(ARN + "streamy").policy(given));
    }
    try (DynakitEngine engine = durable()) {
      DynamoDbClient ddb = engine.client();
      assertThat(Targets.canonical(ddb.getResourcePolicy(b -> b.resourceArn(ARN + "durable"))))
          .isEqualTo(
              Targets.canonical(
                  GetResourcePolicyResponse.builder()
                      .policy(given)
                      .revisionId(tableRevision)
                      .build()));
      assertThat(Targets.canonical(ddb.getResourcePolicy(b -> b.resourceArn(stream))))
          .isEqualTo(
              Targets.canonical(
                  GetResourcePolicyResponse.builder()
                      .policy(put)
                      .revisionId(streamRevision)
                      .build()));
      ddb.deleteResourcePolicy(b -> b.resourceArn(ARN + "durable"));
      ddb.deleteTable(b -> b.tableName("streamy"));
    }
    try (DynakitEngine engine = durable()) {
      DynamoDbClient ddb = engine.client();
      assertThat(
              Targets.outcome(ddb, c -> c.getResourcePolicy(b -> b.resourceArn(ARN + "durable"))))
          .isEqualTo(refused("PolicyNotFoundException", NOT_FOUND + ARN + "durable"));
      ddb.createTable(table("streamy"));
      assertThat(
              Targets.outcome(ddb, c -> c.getResourcePolicy(b -> b.resourceArn(ARN + "streamy"))))
          .isEqualTo(refused("PolicyNotFoundException", NOT_FOUND + ARN + "streamy"));
    }
  }

  private DynakitEngine durable() {
    return DynakitEngine.builder().dataDir(dir).clock(CLOCK).region("eu-west-1").build();
  }
}
