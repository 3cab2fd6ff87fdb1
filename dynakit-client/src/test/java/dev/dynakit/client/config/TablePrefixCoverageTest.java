package dev.dynakit.client.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.InterceptorContext;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbResponse;
import software.amazon.awssdk.services.dynamodb.model.ListTablesRequest;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Every top-level table name and table ARN field of every DynamoDB request class in the SDK gets
 * the prefix, and every such field of every response class loses it: the classes are found in the
 * SDK jar, so an operation added by an SDK upgrade is checked too.
 */
class TablePrefixCoverageTest {
  private static final String ARN = "arn:aws:dynamodb:eu-west-1:123456789012:table/t";

  @Test
  void everyTableFieldOfEveryRequestIsPrefixed() throws Exception {
    TablePrefixInterceptor interceptor = new TablePrefixInterceptor("dev_");
    List<String> checked = new ArrayList<>();
    for (Class<?> type : requestClasses()) {
      SdkBuilder<?, ?> builder = (SdkBuilder<?, ?>) type.getMethod("builder").invoke(null);
      SdkPojo empty = (SdkPojo) builder.build();
      List<SdkField<?>> fields = new ArrayList<>();
      for (SdkField<?> field : empty.sdkFields()) {
        String name = field.locationName();
        if (field.marshallingType() == MarshallingType.STRING
            && (name.endsWith("TableName") || name.endsWith("Arn"))) {
          field.set(builder, name.endsWith("Arn") ? ARN : "t");
          fields.add(field);
        }
      }
      if (fields.isEmpty()) {
        continue;
      }
      SdkRequest request = (SdkRequest) builder.build();
      Context.ModifyRequest context = () -> request;
      SdkPojo sent = (SdkPojo) interceptor.modifyRequest(context, new ExecutionAttributes());
      for (SdkField<?> field : fields) {
        String name = field.locationName();
        Object value = field.getValueOrDefault(sent);
        checked.add(type.getSimpleName() + "." + name);
        assertThat(value)
            .as(type.getSimpleName() + "." + name)
            .isEqualTo(name.endsWith("Arn") ? ARN.replace("table/t", "table/dev_t") : "dev_t");
      }
    }
    assertThat(checked)
        .contains(
            "PutItemRequest.TableName",
            "DescribeTableRequest.TableName",
            "RestoreTableFromBackupRequest.TargetTableName",
            "RestoreTableToPointInTimeRequest.SourceTableName",
            "ExportTableToPointInTimeRequest.TableArn",
            "TagResourceRequest.ResourceArn",
            "ListTablesRequest.ExclusiveStartTableName")
        .hasSizeGreaterThan(40);
  }

  @Test
  void everyTableFieldOfEveryResponseLosesThePrefix() throws Exception {
    TablePrefixInterceptor interceptor = new TablePrefixInterceptor("dev_");
    List<String> checked = new ArrayList<>();
    for (Class<?> type : modelClasses("Response", DynamoDbResponse.class)) {
      SdkBuilder<?, ?> builder = (SdkBuilder<?, ?>) type.getMethod("builder").invoke(null);
      SdkPojo empty = (SdkPojo) builder.build();
      List<SdkField<?>> fields = new ArrayList<>();
      for (SdkField<?> field : empty.sdkFields()) {
        String name = field.locationName();
        if (field.marshallingType() == MarshallingType.STRING
            && (name.endsWith("TableName") || name.endsWith("Arn"))) {
          field.set(
              builder, name.endsWith("Arn") ? ARN.replace("table/t", "table/dev_t") : "dev_t");
          fields.add(field);
        }
      }
      if (fields.isEmpty()) {
        continue;
      }
      SdkResponse response = (SdkResponse) builder.build();
      InterceptorContext context =
          InterceptorContext.builder()
              .request(ListTablesRequest.builder().build())
              .response(response)
              .build();
      SdkPojo received = (SdkPojo) interceptor.modifyResponse(context, new ExecutionAttributes());
      for (SdkField<?> field : fields) {
        String name = field.locationName();
        checked.add(type.getSimpleName() + "." + name);
        assertThat(field.getValueOrDefault(received))
            .as(type.getSimpleName() + "." + name)
            .isEqualTo(name.endsWith("Arn") ? ARN : "t");
      }
    }
    assertThat(checked)
        .contains(
            "DescribeContributorInsightsResponse.TableName",
            "DescribeKinesisStreamingDestinationResponse.TableName",
            "ListTablesResponse.LastEvaluatedTableName")
        .hasSizeGreaterThan(5);
  }

  private static List<Class<?>> requestClasses() throws IOException, URISyntaxException {
    return modelClasses("Request", DynamoDbRequest.class);
  }

  private static List<Class<?>> modelClasses(String suffix, Class<?> base)
      throws IOException, URISyntaxException {
    Path jar =
        Path.of(DynamoDbRequest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    String folder = DynamoDbRequest.class.getPackageName().replace('.', '/') + "/";
    List<Class<?>> found = new ArrayList<>();
    try (JarFile file = new JarFile(jar.toFile())) {
      Enumeration<JarEntry> entries = file.entries();
      while (entries.hasMoreElements()) {
        String name = entries.nextElement().getName();
        if (name.startsWith(folder)
            && name.endsWith(suffix + ".class")
            && name.indexOf('/', folder.length()) < 0
            && !name.contains("$")) {
          try {
            Class<?> type =
                Class.forName(
                    name.substring(0, name.length() - ".class".length()).replace('/', '.'));
            if (base.isAssignableFrom(type) && type != base) {
              found.add(type);
            }
          } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
          }
        }
      }
    }
    assertThat(found).hasSizeGreaterThan(50);
    return found;
  }
}
