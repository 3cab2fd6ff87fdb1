package dev.dynakit.engine.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.model.ListTagsOfResourceRequest;
import software.amazon.awssdk.services.dynamodb.model.ListTagsOfResourceResponse;
import software.amazon.awssdk.services.dynamodb.model.Tag;
import software.amazon.awssdk.services.dynamodb.model.TagResourceRequest;
import software.amazon.awssdk.services.dynamodb.model.TagResourceResponse;
import software.amazon.awssdk.services.dynamodb.model.UntagResourceRequest;
import software.amazon.awssdk.services.dynamodb.model.UntagResourceResponse;

/**
 * Tables' tags: CreateTable's {@code Tags}, TagResource, UntagResource and ListTagsOfResource on
 * table ARNs, with the limits the AWS documentation gives (keys of 1 to 128 characters, values of
 * at most 256, letters, numbers, white space and {@code + - = . _ : /}, no {@code aws:} prefix, 50
 * tags a table). DynamoDB Local serves none of this (docs/compatibility.md).
 */
final class Tags {
  static final int MAX_TAGS = 50;
  static final int PAGE = 10;
  private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{Z}\\p{N}+\\-=._:/]*");

  private final Tables tables;

  Tags(Tables tables) {
    this.tables = tables;
  }

  /** Checks the tags of a CreateTable request, and returns them by key. */
  static Map<String, String> check(List<Tag> tags) {
    Map<String, String> byKey = new LinkedHashMap<>();
    for (int i = 0; i < tags.size(); i++) {
      Tag tag = tags.get(i);
      String at = "tags." + (i + 1) + ".member.";
      checkKey(tag.key(), at + "key");
      checkValue(tag.value(), at + "value");
      if (byKey.put(tag.key(), tag.value()) != null) {
        throw Errors.validation(
            "One or more parameter values were invalid: Duplicate tag key: " + tag.key());
      }
    }
    checkCount(byKey.size());
    return byKey;
  }

  private static void checkKey(String key, String member) {
    if (key == null) {
      throw nullMember(member);
    }
    if (key.isEmpty()) {
      throw length(key, member, "greater than or equal to 1");
    }
    if (key.length() > 128) {
      throw length(key, member, "less than or equal to 128");
    }
    checkCharacters(key);
    if (key.toLowerCase(Locale.ROOT).startsWith("aws:")) {
      throw Errors.validation(
          "One or more parameter values were invalid: Tag keys beginning with aws: are reserved"
              + " for AWS use");
    }
  }

  private static void checkValue(String value, String member) {
    if (value == null) {
      throw nullMember(member);
    }
    if (value.length() > 256) {
      throw length(value, member, "less than or equal to 256");
    }
    checkCharacters(value);
  }

  private static void checkCharacters(String text) {
    if (!ALLOWED.matcher(text).matches()) {
      throw Errors.validation(
          "One or more parameter values were invalid: Tag keys and values may contain only"
              + " letters, numbers, white space and the characters + - = . _ : /");
    }
  }

  private static void checkCount(int count) {
    if (count > MAX_TAGS) {
      throw Errors.validation(
          "One or more parameter values were invalid: A resource can have at most 50 tags");
    }
  }

  private static RuntimeException nullMember(String member) {
    return Errors.validation(
        "1 validation error detected: Value null at '"
            + member
            + "' failed to satisfy constraint: Member must not be null");
  }

  private static RuntimeException length(String value, String member, String bound) {
    return Errors.validation(
        "1 validation error detected: Value '"
            + value
            + "' at '"
            + member
            + "' failed to satisfy constraint: Member must have length "
            + bound);
  }

  TagResourceResponse tagResource(TagResourceRequest request) {
    String arn = request.resourceArn();
    String name =
        tableName(
            arn,
            request.hasTags() ? request.tags() : null,
            "tags",
            "Atleast one Tag needs to be provided as Input.");
    Map<String, String> added = check(request.tags());
    Table table =
        table(name, arn, "Requested resource not found: ResourcArn: " + arn + " not found");
    table.tag(
        tags -> {
          Map<String, String> merged = new LinkedHashMap<>(tags);
          merged.putAll(added);
          checkCount(merged.size());
          return merged;
        });
    return TagResourceResponse.builder().build();
  }

  UntagResourceResponse untagResource(UntagResourceRequest request) {
    String arn = request.resourceArn();
    String name =
        tableName(
            arn,
            request.hasTagKeys() ? request.tagKeys() : null,
            "tagKeys",
            "Atleast one Tag Key needs to be provided as Input.");
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < request.tagKeys().size(); i++) {
      String key = request.tagKeys().get(i);
      checkKey(key, "tagKeys." + (i + 1) + ".member");
      keys.add(key);
    }
    Table table = table(name, arn, "Requested resource not found");
    table.tag(
        tags -> {
          Map<String, String> kept = new LinkedHashMap<>(tags);
          kept.keySet().removeAll(keys);
          return kept;
        });
    return UntagResourceResponse.builder().build();
  }

  ListTagsOfResourceResponse listTagsOfResource(ListTagsOfResourceRequest request) {
    String arn = request.resourceArn();
    if (arn == null) {
      throw Errors.validation("Invalid TableArn");
    }
    Table table =
        table(
            tableName(arn), arn, "Requested resource not found: ResourcArn: " + arn + " not found");
    List<Tag> all = new ArrayList<>();
    table.tags().forEach((key, value) -> all.add(Tag.builder().key(key).value(value).build()));
    int from = 0;
    if (request.nextToken() != null) {
      from = start(request.nextToken(), all.size());
    }
    int to = Math.min(all.size(), from + PAGE);
    ListTagsOfResourceResponse.Builder response =
        ListTagsOfResourceResponse.builder().tags(all.subList(from, to));
    if (to < all.size()) {
      response.nextToken(Integer.toString(to));
    }
    return response.build();
  }

  /** Where a page starts, from the NextToken of the page before. */
  private static int start(String token, int size) {
    try {
      int from = Integer.parseInt(token);
      if (from >= 0 && from <= size) {
        return from;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw Errors.validation("Invalid NextToken: " + token);
  }

  /**
   * The checks of TagResource and UntagResource before their tags, in DynamoDB's order: the ARN
   * given, the list of {@code member} given, the ARN valid, the list not empty. Returns the name of
   * the table the ARN names (null if it names another region's or account's).
   */
  private String tableName(String arn, List<?> list, String member, String empty) {
    if (arn == null) {
      throw Errors.validation("Invalid TableArn");
    }
    if (list == null) {
      throw nullMember(member);
    }
    String name = tableName(arn);
    if (list.isEmpty()) {
      throw Errors.validation(empty);
    }
    return name;
  }

  /**
   * The name of the table an ARN of this engine names (null for another region's or account's), or
   * DynamoDB's Invalid TableArn.
   */
  private String tableName(String arn) {
    TableArns.Arn parsed = TableArns.parse(arn);
    if (parsed == null || !parsed.namesTable() || !Tables.isValidName(parsed.resource())) {
      throw Errors.validation("Invalid TableArn: Invalid ResourceArn provided as input " + arn);
    }
    return arn.equals(tables.arnPrefix() + parsed.resource()) ? parsed.resource() : null;
  }

  private Table table(String name, String arn, String notFound) {
    Table table = name == null ? null : tables.find(name);
    if (table == null) {
      throw Errors.resourceNotFound(notFound);
    }
    return table;
  }
}
