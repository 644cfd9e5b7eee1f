package io.jenkins.plugins.tat.client.rules;

import io.jenkins.plugins.tat.client.text.Texts;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Region IDs such as {@code ap-guangzhou}.
 *
 * <p>The full list of regions with TAT is not published in one place (docs/dev/protocol.md §5), so a region
 * is checked for its form only, {@code [a-z]{2}-[a-z]+(-[a-z]+)?}, which every known Tencent
 * Cloud region ID has ({@code ap-guangzhou}, {@code na-siliconvalley}, {@code ap-shanghai-fsi}).
 * A well-formed region without TAT is reported by the server.
 */
public final class Regions {

    private static final Pattern REGION = Pattern.compile("[a-z]{2}-[a-z]+(-[a-z]+)?");

    /**
     * Regions listed by the official DescribeRegions example and the TAT endpoint list
     * (docs/dev/protocol.md §5); offered as suggestions, not as the only valid values.
     */
    public static final List<String> KNOWN = List.of(
            "ap-guangzhou", "ap-shanghai", "ap-nanjing", "ap-beijing", "ap-chengdu", "ap-chongqing",
            "ap-hongkong", "ap-singapore", "ap-seoul", "ap-tokyo", "ap-bangkok", "ap-jakarta",
            "na-siliconvalley", "na-ashburn", "eu-frankfurt", "sa-saopaulo");

    private Regions() {}

    /**
     * @param region a region ID, may be {@code null}
     * @return the violation, if the region is missing or malformed
     */
    public static Optional<Violation> check(String region) {
        if (region == null || region.isBlank()) {
            return Optional.of(new Violation("Region",
                    "is required: the region the instances are in, e.g. ap-guangzhou", "MissingParameter"));
        }
        if (!REGION.matcher(region).matches()) {
            return Optional.of(new Violation("Region", "'" + Texts.shorten(region)
                    + "' is not a region ID: a region ID is an area and a city in lower-case letters a to z only,"
                    + " joined by hyphens (e.g. ap-guangzhou, na-siliconvalley, ap-shanghai-fsi; no digits)",
                    "UnsupportedRegion"));
        }
        return Optional.empty();
    }
}
