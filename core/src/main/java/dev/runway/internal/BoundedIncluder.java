package dev.runway.internal;

import com.typesafe.config.ConfigIncludeContext;
import com.typesafe.config.ConfigIncluder;
import com.typesafe.config.ConfigIncluderClasspath;
import com.typesafe.config.ConfigIncluderFile;
import com.typesafe.config.ConfigIncluderURL;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigParseable;
import dev.runway.base.InputFiles;
import dev.runway.base.Origin;
import dev.runway.base.RunwayException;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Typesafe Config's includes, bounded as runway.conf itself is: an included file must be a
 * regular file of at most 5 MB that passes {@link HoconGuard} ({@code include "file:///dev/zero"}
 * would otherwise read forever), and only files are included, never a URL fetched over the network.
 */
final class BoundedIncluder implements ConfigIncluder, ConfigIncluderFile, ConfigIncluderURL, ConfigIncluderClasspath {
  private final @Nullable ConfigIncluder fallback;

  BoundedIncluder(@Nullable ConfigIncluder fallback) {
    this.fallback = fallback;
  }

  @Override
  public ConfigIncluder withFallback(ConfigIncluder next) {
    return new BoundedIncluder(next);
  }

  @Override
  public ConfigObject include(ConfigIncludeContext context, String what) {
    URL url = null;
    try {
      url = new URL(what);
    } catch (MalformedURLException e) {
      // a file name, relative to the including file
    }
    if (url != null) {
      checkUrl(url);
    } else {
      ConfigParseable relative = context.relativeTo(what);
      ConfigOrigin origin = relative == null ? null : relative.origin();
      String name = origin == null ? null : origin.filename();
      if (name != null) checkIfPresent(new File(name));
    }
    return fallback().include(context, what);
  }

  @Override
  public ConfigObject includeFile(ConfigIncludeContext context, File what) {
    checkIfPresent(what);
    return ((ConfigIncluderFile) fallback()).includeFile(context, what);
  }

  @Override
  public ConfigObject includeURL(ConfigIncludeContext context, URL what) {
    checkUrl(what);
    return ((ConfigIncluderURL) fallback()).includeURL(context, what);
  }

  @Override
  public ConfigObject includeResources(ConfigIncludeContext context, String what) {
    return ((ConfigIncluderClasspath) fallback()).includeResources(context, what);
  }

  private ConfigIncluder fallback() {
    if (fallback == null) throw new IllegalStateException("Typesafe Config gives every includer a fallback");
    return fallback;
  }

  private static void checkUrl(URL url) {
    if (!"file".equals(url.getProtocol())) {
      throw new RunwayException.ParseFailed("include \"" + url + "\": runway.conf includes only files, not "
          + url.getProtocol() + " URLs; copy the settings into a file and include that", Origin.of("runway.conf"));
    }
    try {
      checkIfPresent(Path.of(url.toURI()).toFile());
    } catch (URISyntaxException | IllegalArgumentException e) {
      checkIfPresent(new File(url.getPath()));
    }
  }

  /** Typesafe Config skips a missing include; anything else must be a file Runway would read. */
  private static void checkIfPresent(File file) {
    Path path = file.toPath();
    if (!Files.exists(path)) return;
    String text = InputFiles.readText(path, "included file");
    HoconGuard.check(text, Origin.file(path));
  }
}
