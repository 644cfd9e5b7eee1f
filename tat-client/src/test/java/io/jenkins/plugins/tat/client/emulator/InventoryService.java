package io.jenkins.plugins.tat.client.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The listing APIs that find a fleet (docs/dev/protocol.md §10), served on the TAT emulator's port
 * and chosen by the credential scope's service as STS is: CVM DescribeInstances ({@code cvm},
 * 2017-03-12), Lighthouse DescribeInstances ({@code lighthouse}, 2020-03-24), Auto Scaling
 * DescribeAutoScalingInstances ({@code as}, 2018-04-19); and TAT's own DescribeRegisterInstances.
 *
 * <p>Each answers with its product's shape (CVM's {@code PrivateIpAddresses} and
 * {@code Placement.Zone}, Lighthouse's {@code PrivateAddresses} and {@code Zone}…), pages with
 * Offset and Limit (default 20, at most 100) and TotalCount, filters with AND across filters and
 * OR within one, and refuses with the product's own error codes: an unknown filter name, too many
 * values in one filter (5, or 100 for Lighthouse), more than 10 filters, InstanceIds together with
 * Filters, and for CVM a {@code tag:<key>} or {@code tag-key} naming a key no instance of the
 * region has ({@code InvalidParameterValue.TagKeyNotFound}). A key may be denied a permission
 * ({@link #deny}), which answers {@code UnauthorizedOperation} naming it, as CAM does.
 *
 * <p>Thread-safe: every method holds this object's lock.
 */
final class InventoryService {

    /** The error codes one product answers a bad listing with. */
    private record Codes(String unknownFilter, String tooManyValues, String tooManyFilters, String conflict,
            String outOfRange) {}

    /** How one product lists instances. */
    private record Listing(String service, String version, String action, String permission, String setName,
            Set<String> filterNames, int maxValues, Codes codes, boolean tagKeyMustExist, Predicate<FleetInstance> lists,
            Function<FleetInstance, ObjectNode> render) {}

    /** TAT's action listing managed instances, served here beside the other products' listings. */
    static final String REGISTER_INSTANCES = "DescribeRegisterInstances";

    private static final Pattern GROUP_ID = Pattern.compile("asg-[a-z0-9]{8}");
    private static final int MAX_FILTERS = 10;
    private static final int MAX_IDS = 100;

    private static final Listing CVM = new Listing("cvm", "2017-03-12", "DescribeInstances", "cvm:DescribeInstances",
            "InstanceSet", Set.of("zone", "instance-name", "instance-state", "instance-id", "private-ip-address",
                    "tag-key", "tag-value", "tag:"), 5,
            new Codes("InvalidFilter", "InvalidFilterValue.LimitExceeded", "InvalidParameterValue.LimitExceeded",
                    "InvalidParameter", "InvalidParameterValue"), true,
            i -> i.kind() == EmulatedInstance.Kind.CVM, InventoryService::cvmJson);
    private static final Listing LIGHTHOUSE = new Listing("lighthouse", "2020-03-24", "DescribeInstances",
            "lighthouse:DescribeInstances", "InstanceSet", Set.of("zone", "instance-name", "instance-state",
                    "private-ip-address", "tag-key", "tag-value", "tag:"), 100,
            new Codes("InvalidParameter.InvalidFilterNotSupportedName", "InvalidParameter.FilterValueLimitExceeded",
                    "InvalidParameter.InvalidFilter", "InvalidParameter.ParameterConflict",
                    "InvalidParameterValue.OutOfRange"), false,
            i -> i.kind() == EmulatedInstance.Kind.LIGHTHOUSE, InventoryService::lighthouseJson);
    private static final Listing SCALING = new Listing("as", "2018-04-19", "DescribeAutoScalingInstances",
            "as:DescribeAutoScalingInstances", "AutoScalingInstanceSet", Set.of("auto-scaling-group-id", "instance-id",
                    "private-ip-address"), 5,
            new Codes("InvalidParameterValue.Filter", "LimitExceeded.FilterValuesTooLong",
                    "InvalidParameterValue.InvalidFilter", "InvalidParameter.Conflict",
                    "InvalidParameterValue.LimitExceeded"), false,
            i -> i.scalingGroupId() != null, InventoryService::scalingJson);
    private static final Listing REGISTERED = new Listing("tat", "2020-10-28", "DescribeRegisterInstances",
            "tat:DescribeRegisterInstances", "RegisterInstanceSet", Set.of("instance-name", "instance-id",
                    "register-status", "local-ip", "tag-key", "tag-value", "tag:"), 5,
            new Codes("InvalidParameterValue.InvalidFilter", "InvalidParameterValue.InvalidFilter",
                    "InvalidParameterValue.InvalidFilter", "InvalidParameter.ConflictParameter", "InvalidParameterValue"),
            false, i -> i.kind() == EmulatedInstance.Kind.MANAGED, InventoryService::registeredJson);

    /** The products served here besides TAT, by their service name. */
    private static final Map<String, Listing> BY_SERVICE = Map.of("cvm", CVM, "lighthouse", LIGHTHOUSE, "as", SCALING);

    private final List<FleetInstance> instances = new ArrayList<>();
    private final Set<String> denied = new HashSet<>();

    /** @return whether requests signed for {@code service} are served here */
    static boolean serves(String service) {
        return BY_SERVICE.containsKey(service);
    }

    /** @return the API version of {@code service}, one of {@link #serves} */
    static String version(String service) {
        return BY_SERVICE.get(service).version();
    }

    synchronized void add(FleetInstance instance) {
        instances.removeIf(i -> i.instanceId().equals(instance.instanceId()));
        instances.add(instance);
    }

    /** Makes {@code permission} (e.g. {@code cvm:DescribeInstances}) refused for the key. */
    synchronized void deny(String secretId, String permission) {
        denied.add(secretId + " " + permission);
    }

    /** Serves a request of a product other than TAT, for a caller whose signature was verified. */
    synchronized ObjectNode execute(String service, String action, String region, ObjectNode body, String secretId) {
        Listing listing = BY_SERVICE.get(service);
        if (!listing.action().equals(action)) {
            throw new TatApiError("InvalidAction", "The action `" + action + "` does not exist in " + service + " "
                    + listing.version() + " (the emulator implements [" + listing.action() + "]).");
        }
        return list(listing, region, body, secretId);
    }

    /** TAT's DescribeRegisterInstances. */
    synchronized ObjectNode describeRegisterInstances(String region, ObjectNode body, String secretId) {
        return list(REGISTERED, region, body, secretId);
    }

    private ObjectNode list(Listing listing, String region, ObjectNode body, String secretId) {
        if (denied.contains(secretId + " " + listing.permission())) {
            throw new TatApiError("UnauthorizedOperation", "you are not authorized to perform operation ("
                    + listing.permission() + "), resource (*) has no permission");
        }
        ActionParams params = new ActionParams(body, Set.of("InstanceIds", "Filters", "Offset", "Limit", "OrderField",
                "Order"));
        List<String> ids = params.strings("InstanceIds").orElse(List.of());
        List<JsonNode> filterNodes = params.objects("Filters").orElse(List.of());
        Codes codes = listing.codes();
        if (!ids.isEmpty() && !filterNodes.isEmpty()) {
            throw new TatApiError(codes.conflict(), "InstanceIds and Filters cannot be specified at the same time.");
        }
        if (ids.size() > MAX_IDS) {
            throw new TatApiError(codes.outOfRange(), "At most " + MAX_IDS + " InstanceIds are allowed.");
        }
        if (filterNodes.size() > MAX_FILTERS) {
            throw new TatApiError(codes.tooManyFilters(), "At most " + MAX_FILTERS + " Filters are allowed.");
        }
        List<Map.Entry<String, List<String>>> filters = new ArrayList<>();
        for (JsonNode node : filterNodes) {
            JsonNode name = node.get("Name");
            JsonNode values = node.get("Values");
            if (name == null || !name.isTextual() || values == null || !values.isArray() || values.isEmpty()) {
                throw new TatApiError(codes.unknownFilter(), "Each filter needs a Name and at least one of Values.");
            }
            String filterName = name.asText();
            String family = filterName.startsWith("tag:") ? "tag:" : filterName;
            if (!listing.filterNames().contains(family) || filterName.equals("tag:")) {
                throw new TatApiError(codes.unknownFilter(), "The filter `" + filterName + "` is not supported.");
            }
            if (values.size() > listing.maxValues()) {
                throw new TatApiError(codes.tooManyValues(), "The filter `" + filterName + "` has " + values.size()
                        + " values; at most " + listing.maxValues() + " are allowed.");
            }
            List<String> valueList = ActionParams.stringArray("Filters.Values", values);
            if (family.equals("auto-scaling-group-id")) {
                for (String group : valueList) {
                    if (!GROUP_ID.matcher(group).matches()) {
                        throw new TatApiError("InvalidParameterValue.InvalidAutoScalingGroupId", "The Auto Scaling group"
                                + " ID `" + group + "` is malformed.");
                    }
                }
            }
            filters.add(Map.entry(filterName, valueList));
        }
        long offset = params.integer("Offset").orElse(0L);
        long limit = params.integer("Limit").orElse(20L);
        if (offset < 0 || limit < 1 || limit > 100) {
            throw new TatApiError(codes.outOfRange(), "Offset must be 0 or more and Limit 1 to 100.");
        }
        List<FleetInstance> inRegion = instances.stream().filter(i -> i.region().equals(region))
                .filter(listing.lists()).toList();
        if (listing.tagKeyMustExist()) {
            for (Map.Entry<String, List<String>> filter : filters) {
                for (String key : tagKeysNamed(filter)) {
                    if (inRegion.stream().noneMatch(i -> i.tags().containsKey(key))) {
                        throw new TatApiError("InvalidParameterValue.TagKeyNotFound", "The tag key `" + key
                                + "` does not exist.");
                    }
                }
            }
        }
        List<FleetInstance> matching = inRegion.stream()
                .filter(i -> ids.isEmpty() || ids.contains(i.instanceId()))
                .filter(i -> filters.stream().allMatch(f -> f.getValue().stream().anyMatch(v -> matches(i, f.getKey(), v))))
                .toList();
        ObjectNode fields = TatJson.object();
        fields.put("TotalCount", matching.size());
        ArrayNode set = fields.putArray(listing.setName());
        for (int i = (int) Math.min(offset, matching.size()); i < Math.min(matching.size(), offset + limit); i++) {
            set.add(listing.render().apply(matching.get(i)));
        }
        return fields;
    }

    private static List<String> tagKeysNamed(Map.Entry<String, List<String>> filter) {
        if (filter.getKey().startsWith("tag:")) {
            return List.of(filter.getKey().substring("tag:".length()));
        }
        return filter.getKey().equals("tag-key") ? filter.getValue() : List.of();
    }

    private static boolean matches(FleetInstance i, String filter, String value) {
        if (filter.startsWith("tag:")) {
            return value.equals(i.tags().get(filter.substring("tag:".length())));
        }
        return switch (filter) {
            case "zone" -> i.zone().equals(value);
            case "instance-name" -> i.name().contains(value); // CVM matches names vaguely
            case "instance-state", "register-status" -> i.state().equals(value);
            case "instance-id" -> i.instanceId().equals(value);
            case "private-ip-address", "local-ip" -> i.privateIp().equals(value);
            case "tag-key" -> i.tags().containsKey(value);
            case "tag-value" -> i.tags().containsValue(value);
            case "auto-scaling-group-id" -> value.equals(i.scalingGroupId());
            default -> false;
        };
    }

    private static ArrayNode tagsJson(ObjectNode node, FleetInstance i) {
        ArrayNode tags = node.putArray("Tags");
        i.tags().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(t -> tags.addObject().put("Key", t.getKey()).put("Value", t.getValue()));
        return tags;
    }

    private static ObjectNode cvmJson(FleetInstance i) {
        ObjectNode node = TatJson.object();
        node.put("InstanceId", i.instanceId()).put("InstanceName", i.name()).put("InstanceState", i.state())
                .put("RestrictState", i.restrictState()).put("OsName", "TencentOS Server 3.1");
        node.putObject("Placement").put("Zone", i.zone()).put("ProjectId", 0);
        node.putArray("PrivateIpAddresses").add(i.privateIp());
        node.putNull("PublicIpAddresses");
        tagsJson(node, i);
        return node;
    }

    private static ObjectNode lighthouseJson(FleetInstance i) {
        ObjectNode node = TatJson.object();
        node.put("InstanceId", i.instanceId()).put("InstanceName", i.name()).put("InstanceState", i.state())
                .put("InstanceRestrictState", i.restrictState()).put("Zone", i.zone()).put("PlatformType", "LINUX_UNIX");
        node.putArray("PrivateAddresses").add(i.privateIp());
        node.putArray("PublicAddresses");
        tagsJson(node, i);
        return node;
    }

    private static ObjectNode scalingJson(FleetInstance i) {
        ObjectNode node = TatJson.object();
        node.put("InstanceId", i.instanceId()).put("AutoScalingGroupId", i.scalingGroupId())
                .put("AutoScalingGroupName", "group " + i.scalingGroupId()).put("LifeCycleState", i.lifeCycleState())
                .put("HealthStatus", i.healthStatus()).put("Zone", i.zone()).put("CreationType", "AUTO_CREATION")
                .put("ProtectedFromScaleIn", false).put("WarmupStatus", "NO_NEED_WARMUP");
        return node;
    }

    private static ObjectNode registeredJson(FleetInstance i) {
        ObjectNode node = TatJson.object();
        node.put("InstanceId", i.instanceId()).put("InstanceName", i.name()).put("LocalIp", i.privateIp())
                .put("Status", i.state()).put("SystemName", "Linux").put("HostName", i.name());
        tagsJson(node, i);
        return node;
    }
}
