package dev.dynakit.client.credentials;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * Where an AWS profile is read from: its name and the two profile files, found through {@code
 * AWS_PROFILE}, {@code AWS_CONFIG_FILE} and {@code AWS_SHARED_CREDENTIALS_FILE} in the adapter's
 * environment, or {@code ~/.aws/config} and {@code ~/.aws/credentials}. The files are parsed by the
 * SDK's {@link ProfileFile}.
 *
 * @param name the profile's name
 * @param named whether the name was given (builder or {@code AWS_PROFILE}) rather than defaulted
 * @param configFile the config file ({@code [profile name]} sections)
 * @param credentialsFile the shared credentials file ({@code [name]} sections)
 */
public record ProfileLocation(String name, boolean named, Path configFile, Path credentialsFile) {

  /**
   * The profile an environment names.
   *
   * @param environment the environment variables to read
   * @param givenName a name given in code, which wins over {@code AWS_PROFILE}; may be null
   */
  public static ProfileLocation from(Map<String, String> environment, String givenName) {
    String fromEnvironment = nonEmpty(environment.get("AWS_PROFILE"));
    String name = givenName != null ? givenName : fromEnvironment;
    Path home =
        Path.of(
            Optional.ofNullable(nonEmpty(environment.get("HOME")))
                .orElse(System.getProperty("user.home")));
    Path config =
        Optional.ofNullable(nonEmpty(environment.get("AWS_CONFIG_FILE")))
            .map(Path::of)
            .orElse(home.resolve(".aws").resolve("config"));
    Path credentials =
        Optional.ofNullable(nonEmpty(environment.get("AWS_SHARED_CREDENTIALS_FILE")))
            .map(Path::of)
            .orElse(home.resolve(".aws").resolve("credentials"));
    return new ProfileLocation(name == null ? "default" : name, name != null, config, credentials);
  }

  /** The same files, another profile. */
  public ProfileLocation withName(String otherName) {
    return otherName.equals(name)
        ? this
        : new ProfileLocation(otherName, true, configFile, credentialsFile);
  }

  /** Both profile files, those that exist, parsed by the SDK. */
  public ProfileFile file() {
    ProfileFile.Aggregator all = ProfileFile.aggregator();
    if (Files.isRegularFile(configFile)) {
      all.addFile(
          ProfileFile.builder().content(configFile).type(ProfileFile.Type.CONFIGURATION).build());
    }
    if (Files.isRegularFile(credentialsFile)) {
      all.addFile(
          ProfileFile.builder()
              .content(credentialsFile)
              .type(ProfileFile.Type.CREDENTIALS)
              .build());
    }
    return all.build();
  }

  /** The profile, if either file has it. */
  public Optional<Profile> profile() {
    return file().profile(name);
  }

  /** A property of the profile, such as {@code region}. */
  public Optional<String> property(String property) {
    return profile().flatMap(p -> p.property(property)).map(String::trim).filter(s -> !s.isEmpty());
  }

  /** Names the profile and the files it is looked for in, for messages. */
  public String describe() {
    return "profile '" + name + "' in " + configFile + ", " + credentialsFile;
  }

  static String nonEmpty(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
