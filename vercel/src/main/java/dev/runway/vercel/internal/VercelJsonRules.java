package dev.runway.vercel.internal;

import dev.runway.platform.Names;
import java.util.List;
import java.util.Set;

/**
 * What Runway checks in vercel.json without the vendor's schema at hand. A test holds these lists
 * to {@code shared/specs/vercel/vercel.json.schema.json}, so they cannot drift from it unseen.
 */
public final class VercelJsonRules {
  private VercelJsonRules() {}

  /** Every top-level property the schema allows (it rejects any other). */
  public static final List<String> TOP_LEVEL_KEYS = List.of(
      "$schema", "alias", "build", "builds", "cleanUrls", "env", "passiveRegions",
      "functionFailoverRegions", "functions", "git", "github", "headers", "images", "name", "public",
      "redirects", "bulkRedirectsPath", "regions", "rewrites", "routes", "scope", "trailingSlash",
      "version", "wildcard", "buildCommand", "ignoreCommand", "devCommand", "framework",
      "installCommand", "outputDirectory", "crons", "relatedProjects", "fluid", "bunVersion",
      "experimentalServices", "experimentalServiceGroups");

  /** The framework presets the schema knows. */
  public static final Set<String> FRAMEWORKS = Set.of(
      "blitzjs", "nextjs", "gatsby", "remix", "react-router", "astro", "hexo", "eleventy",
      "docusaurus-2", "docusaurus", "preact", "solidstart-1", "solidstart", "dojo", "ember", "vue",
      "scully", "ionic-angular", "angular", "polymer", "svelte", "sveltekit", "sveltekit-1",
      "ionic-react", "create-react-app", "gridsome", "umijs", "sapper", "saber", "stencil", "nuxtjs",
      "redwoodjs", "hugo", "jekyll", "brunch", "middleman", "zola", "hydrogen", "vite",
      "tanstack-start", "vitepress", "vuepress", "parcel", "fastapi", "flask", "fasthtml",
      "sanity-v3", "sanity", "storybook", "nitro", "hono", "express", "h3", "koa", "nestjs",
      "elysia", "fastify", "xmcp", "python", "ruby", "rust", "node", "go", "services");

  /** maxLength of buildCommand, installCommand, devCommand, outputDirectory. */
  public static final int MAX_COMMAND = 256;
  public static final int MAX_CRONS = 100;
  public static final int MIN_SCHEDULE = 9;
  public static final int MAX_SCHEDULE = 256;
  public static final int MAX_CRON_PATH = 512;

  /** The closest known key, for "did you mean" hints; empty when nothing is close. */
  public static String closest(String key) {
    return Names.closest(key, TOP_LEVEL_KEYS, Math.max(2, key.length() / 4)).orElse("");
  }
}
