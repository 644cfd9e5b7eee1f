package io.jenkins.plugins.tat.client.targets;

import io.jenkins.plugins.tat.client.InvalidRequestException;
import io.jenkins.plugins.tat.client.TatClient;
import io.jenkins.plugins.tat.client.TatException;
import io.jenkins.plugins.tat.client.TencentCloudApiException;
import io.jenkins.plugins.tat.client.api.Filter;
import io.jenkins.plugins.tat.client.api.InstanceKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns a {@link TargetSelector} into the instances to run on, once, when a step runs
 * (docs/dev/protocol.md §10):
 * <ul>
 *   <li>CVM and Lighthouse: DescribeInstances with one {@code tag:<key>} filter per key (or
 *       {@code tag-key} for a key alone), plus zone and name for CVM; RUNNING instances are kept,
 *       the others skipped as not running, and those whose restrict state is not NORMAL as
 *       restricted. A name is compared exactly, since CVM matches names vaguely.</li>
 *   <li>Managed instances: TAT's DescribeRegisterInstances with the same filters; Online ones are
 *       kept, the others skipped as agent offline.</li>
 *   <li>Scaling groups: DescribeAutoScalingInstances by group (5 to a request); IN_SERVICE ones are
 *       looked up in CVM by ID (100 to a request) for their kind, name, IP and state, the others
 *       skipped as not in service.</li>
 * </ul>
 * Every listing pages 100 at a time until a short page (or, where the total is trustworthy, until
 * the total is reached), at most {@value #MAX_PAGES} pages; the result is de-duplicated and sorted.
 * So 1,000 tagged CVM instances cost 10 CVM requests, and 1,000 in scaling groups 10 Auto Scaling
 * and 10 CVM requests.
 *
 * <p>Refusals are turned into what the user must fix ({@link TargetResolutionException}): a tag the
 * product does not know or take names the selector's tag keys; a missing CAM permission is named.
 * A selector with nothing to run on fails with {@link NoTargetsException} unless an empty fleet is
 * allowed. Thread-safe.
 */
public final class TargetResolver {

    /** The most pages one listing reads: 20,000 instances. */
    public static final int MAX_PAGES = 200;
    /** The most scaling groups one Auto Scaling filter takes. */
    static final int GROUPS_PER_REQUEST = 5;

    private final CvmClient cvm;
    private final LighthouseClient lighthouse;
    private final AutoScalingClient scaling;
    private final ManagedInstanceClient managed;
    private final String region;

    /**
     * @param cvm lists CVM instances
     * @param lighthouse lists Lighthouse instances
     * @param scaling lists scaling groups' instances
     * @param managed lists managed instances
     * @param region the region they all act on, for messages
     */
    public TargetResolver(CvmClient cvm, LighthouseClient lighthouse, AutoScalingClient scaling,
            ManagedInstanceClient managed, String region) {
        this.cvm = Objects.requireNonNull(cvm);
        this.lighthouse = Objects.requireNonNull(lighthouse);
        this.scaling = Objects.requireNonNull(scaling);
        this.managed = Objects.requireNonNull(managed);
        this.region = Objects.requireNonNull(region);
    }

    /**
     * @param settings a TAT client's builder: its key, region, endpoint (each product's host is
     *     derived from it, {@link ServiceEndpoints}), HTTP client, timeouts and retries
     * @return a resolver listing through each product with those settings
     * @throws InvalidRequestException if the settings lack a key or region, or are malformed
     */
    public static TargetResolver of(TatClient.Builder settings) {
        return new TargetResolver(CvmClient.of(settings), LighthouseClient.of(settings), AutoScalingClient.of(settings),
                ManagedInstanceClient.of(settings), settings.callerSettings().region());
    }

    /**
     * Lists what the selector matches, now.
     *
     * @param selector which instances
     * @param allowEmpty whether nothing to run on is an answer rather than a failure
     * @return the frozen targets
     * @throws InvalidRequestException if the selector breaks a rule (nothing was sent)
     * @throws NoTargetsException if nothing is left to run on and that is not allowed
     * @throws TargetResolutionException if a product refused a tag, or the key lacks a permission
     * @throws TatException for any other failure of a listing
     * @throws InterruptedException if interrupted
     */
    public ResolvedTargets resolve(TargetSelector selector, boolean allowEmpty) throws InterruptedException {
        selector.requireValid();
        Found found = new Found();
        if (selector instanceof CvmInstancesByTags s) {
            resolveCvm(s, found);
        } else if (selector instanceof LighthouseInstancesByTags s) {
            List<Filter> filters = s.tags().stream().map(TagTerm::filter).toList();
            for (ListedInstance i : all(offset -> lighthouse.describeInstances(ListingRequest.byFilters(filters, offset)),
                    true, LighthouseClient.PERMISSION, s.tags())) {
                if (s.tags().stream().allMatch(t -> t.matches(i.tags()))) {
                    found.judgeRunning(i, InstanceKind.LIGHTHOUSE);
                }
            }
        } else if (selector instanceof ManagedInstancesByTags s) {
            List<Filter> filters = s.tags().stream().map(TagTerm::filter).toList();
            // DescribeRegisterInstances' TotalCount is documented oddly: read until a short page.
            for (ListedInstance i : all(offset -> managed.describeRegisterInstances(ListingRequest.byFilters(filters,
                    offset)), false, ManagedInstanceClient.PERMISSION, s.tags())) {
                if (s.tags().stream().allMatch(t -> t.matches(i.tags()))) {
                    found.judgeOnline(i);
                }
            }
        } else if (selector instanceof ScalingGroupInstances s) {
            resolveScalingGroups(s, found);
        } else {
            throw new IllegalStateException("unknown selector " + selector.getClass()); // the interface is sealed
        }
        ResolvedTargets resolved = new ResolvedTargets(selector.describe(), found.instances(), found.skipped());
        if (resolved.isEmpty() && !allowEmpty) {
            throw new NoTargetsException(resolved, region);
        }
        return resolved;
    }

    private void resolveCvm(CvmInstancesByTags s, Found found) throws InterruptedException {
        List<Filter> filters = new ArrayList<>(s.tags().stream().map(TagTerm::filter).toList());
        if (s.zone() != null) {
            filters.add(Filter.of("zone", s.zone()));
        }
        if (s.name() != null) {
            filters.add(Filter.of("instance-name", s.name()));
        }
        for (ListedInstance i : all(offset -> cvm.describeInstances(ListingRequest.byFilters(filters, offset)), true,
                CvmClient.PERMISSION, s.tags())) {
            boolean matches = s.tags().stream().allMatch(t -> t.matches(i.tags()))
                    && (s.name() == null || s.name().equals(i.name()))
                    && (s.zone() == null || s.zone().equals(i.zone()));
            if (matches) {
                found.judgeRunning(i, InstanceKind.CVM);
            }
        }
    }

    private void resolveScalingGroups(ScalingGroupInstances s, Found found) throws InterruptedException {
        Map<String, ScalingGroupMember> inService = new LinkedHashMap<>();
        for (int from = 0; from < s.groupIds().size(); from += GROUPS_PER_REQUEST) {
            Filter groups = new Filter("auto-scaling-group-id",
                    s.groupIds().subList(from, Math.min(s.groupIds().size(), from + GROUPS_PER_REQUEST)));
            for (ScalingGroupMember m : all(offset -> scaling.describeAutoScalingInstances(ListingRequest.byFilters(
                    List.of(groups), offset)), true, AutoScalingClient.PERMISSION, List.of())) {
                if ("IN_SERVICE".equals(m.lifeCycleState())) {
                    inService.putIfAbsent(m.instanceId(), m);
                } else {
                    found.skip(new SkippedInstance(m.instanceId(), "", "not in service (" + m.lifeCycleState() + ")"));
                }
            }
        }
        List<String> ids = new ArrayList<>(inService.keySet());
        for (int from = 0; from < ids.size(); from += ListingRequest.MAX_PAGE) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + ListingRequest.MAX_PAGE));
            List<ListedInstance> listed = all(offset -> cvm.describeInstances(ListingRequest.byIds(chunk)), true,
                    CvmClient.PERMISSION, List.of());
            Map<String, ListedInstance> byId = new LinkedHashMap<>();
            listed.forEach(i -> byId.put(i.instanceId(), i));
            for (String id : chunk) {
                ListedInstance i = byId.get(id);
                if (i == null) {
                    found.skip(new SkippedInstance(id, "", "not found in CVM"));
                } else {
                    found.judgeRunning(i, InstanceKind.CVM);
                }
            }
        }
    }

    /** One page of a listing, from an offset. */
    @FunctionalInterface
    private interface PageSource<T> {
        ListingPage<T> page(long offset) throws InterruptedException;
    }

    /** Every page of a listing, refusals turned into what the user must fix. */
    private <T> List<T> all(PageSource<T> source, boolean trustTotal, String permission, List<TagTerm> tags)
            throws InterruptedException {
        List<T> items = new ArrayList<>();
        long offset = 0;
        for (int page = 0; ; page++) {
            if (page == MAX_PAGES) {
                throw new TargetResolutionException("The selector matches more than " + (MAX_PAGES * ListingRequest.MAX_PAGE)
                        + " instances in region " + region + ", more than one step should run on; choose them more"
                        + " narrowly (another tag, a zone).", null);
            }
            ListingPage<T> p;
            try {
                p = source.page(offset);
            } catch (TencentCloudApiException e) {
                throw RefusalMessages.translate(e, permission, tags, region);
            }
            items.addAll(p.items());
            offset += p.items().size();
            if (p.items().size() < ListingRequest.MAX_PAGE || (trustTotal && offset >= p.totalCount())) {
                return items;
            }
        }
    }

    /** What the listings found: each instance once, the first verdict kept. */
    private static final class Found {
        private final Map<String, ResolvedInstance> instances = new LinkedHashMap<>();
        private final Map<String, SkippedInstance> skipped = new LinkedHashMap<>();

        void judgeRunning(ListedInstance i, InstanceKind expected) {
            if (!"RUNNING".equals(i.state())) {
                skip(new SkippedInstance(i.instanceId(), i.name(), "not running (" + i.state() + ")"));
            } else if (!"NORMAL".equals(i.restrictState())) {
                skip(new SkippedInstance(i.instanceId(), i.name(), "restricted (" + i.restrictState() + ")"));
            } else {
                keep(i, expected);
            }
        }

        void judgeOnline(ListedInstance i) {
            if (!"Online".equals(i.state())) {
                skip(new SkippedInstance(i.instanceId(), i.name(), "agent offline (" + i.state() + ")"));
            } else {
                keep(i, InstanceKind.MANAGED);
            }
        }

        private void keep(ListedInstance i, InstanceKind expected) {
            if (!skipped.containsKey(i.instanceId())) {
                instances.putIfAbsent(i.instanceId(), new ResolvedInstance(i.instanceId(),
                        InstanceKind.of(i.instanceId()).orElse(expected), i.name(), i.privateIp()));
            }
        }

        void skip(SkippedInstance s) {
            if (!instances.containsKey(s.instanceId())) {
                skipped.putIfAbsent(s.instanceId(), s);
            }
        }

        List<ResolvedInstance> instances() {
            return List.copyOf(instances.values());
        }

        List<SkippedInstance> skipped() {
            return List.copyOf(skipped.values());
        }
    }
}
