package io.jenkins.plugins.tat.client.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The listings served beside TAT (CVM, Lighthouse, Auto Scaling, TAT's DescribeRegisterInstances),
 * over raw signed HTTP: their shapes, paging, filters and error codes (docs/dev/protocol.md §10).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FleetListingsTest extends EmulatorTestSupport {

    @BeforeEach
    void fleet() {
        for (int i = 0; i < 7; i++) {
            emu.fleetInstance(FleetInstance.cvm(String.format("ins-web0000%d", i)).tag("app", i < 5 ? "web" : "api")
                    .zone(i % 2 == 0 ? "ap-guangzhou-3" : "ap-guangzhou-6").name("web-" + i)
                    .scalingGroup("asg-aaaa0001", i == 0 ? "CREATING" : "IN_SERVICE"));
        }
        emu.fleetInstance(FleetInstance.lighthouse("lhins-blog0001").tag("app", "blog").privateIp("10.1.2.3"));
        emu.fleetInstance(FleetInstance.managed("rins-idc00001").tag("site", "idc1").state("Offline"));
    }

    private RawTatClient.Reply list(String service, String version, String action, String json) throws Exception {
        RawTatClient.Call call = new RawTatClient.Call(action, json);
        call.service = service;
        call.header("X-TC-Version", version);
        return new RawTatClient(emu).send(call);
    }

    private RawTatClient.Reply cvm(String json) throws Exception {
        return list("cvm", "2017-03-12", "DescribeInstances", json);
    }

    private static List<String> ids(JsonNode response, String set) {
        List<String> ids = new ArrayList<>();
        response.get(set).forEach(i -> ids.add(i.get("InstanceId").asText()));
        return ids;
    }

    @Test
    void cvmPagesWithOffsetAndLimitAndCountsEveryMatch() throws Exception {
        String filter = "\"Filters\":[{\"Name\":\"tag:app\",\"Values\":[\"web\",\"api\"]}]";
        JsonNode first = cvm("{" + filter + ",\"Limit\":3}").response();
        JsonNode last = cvm("{" + filter + ",\"Offset\":6,\"Limit\":3}").response();

        assertThat(first.get("TotalCount").asInt()).isEqualTo(7);
        assertThat(ids(first, "InstanceSet")).containsExactly("ins-web00000", "ins-web00001", "ins-web00002");
        assertThat(ids(last, "InstanceSet")).containsExactly("ins-web00006");
        JsonNode instance = first.get("InstanceSet").get(0);
        assertThat(instance.get("InstanceState").asText()).isEqualTo("RUNNING");
        assertThat(instance.get("RestrictState").asText()).isEqualTo("NORMAL");
        assertThat(instance.get("Placement").get("Zone").asText()).isEqualTo("ap-guangzhou-3");
        assertThat(instance.get("PrivateIpAddresses").get(0).asText()).startsWith("10.");
        assertThat(instance.get("Tags").get(0).get("Key").asText()).isEqualTo("app");
    }

    @Test
    void cvmFiltersAreAndedAndTheirValuesOred() throws Exception {
        JsonNode page = cvm("{\"Filters\":[{\"Name\":\"tag:app\",\"Values\":[\"web\"]},"
                + "{\"Name\":\"zone\",\"Values\":[\"ap-guangzhou-6\"]}],\"Limit\":100}").response();
        assertThat(ids(page, "InstanceSet")).containsExactly("ins-web00001", "ins-web00003");
        JsonNode byKey = cvm("{\"Filters\":[{\"Name\":\"tag-key\",\"Values\":[\"app\"]},"
                + "{\"Name\":\"instance-name\",\"Values\":[\"web-6\"]}]}").response();
        assertThat(ids(byKey, "InstanceSet")).containsExactly("ins-web00006");
    }

    @Test
    void cvmRefusesBadFiltersWithItsCodes() throws Exception {
        assertThat(cvm("{\"Filters\":[{\"Name\":\"tag:app\",\"Values\":[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\"]}]}")
                .errorCode()).isEqualTo("InvalidFilterValue.LimitExceeded");
        assertThat(cvm("{\"Filters\":[{\"Name\":\"colour\",\"Values\":[\"red\"]}]}").errorCode())
                .isEqualTo("InvalidFilter");
        assertThat(cvm("{\"InstanceIds\":[\"ins-web00000\"],\"Filters\":[{\"Name\":\"zone\",\"Values\":[\"x\"]}]}")
                .errorCode()).isEqualTo("InvalidParameter");
        assertThat(cvm("{\"Filters\":[{\"Name\":\"tag:owner\",\"Values\":[\"me\"]}]}").errorCode())
                .isEqualTo("InvalidParameterValue.TagKeyNotFound");
        assertThat(cvm("{\"Limit\":101}").errorCode()).isEqualTo("InvalidParameterValue");
        assertThat(list("cvm", "2020-10-28", "DescribeInstances", "{}").errorCode()).isEqualTo("NoSuchVersion");
        assertThat(list("cvm", "2017-03-12", "RunInstances", "{}").errorCode()).isEqualTo("InvalidAction");
    }

    @Test
    void lighthouseHasItsOwnFieldNamesLimitsAndCodes() throws Exception {
        JsonNode page = list("lighthouse", "2020-03-24", "DescribeInstances",
                "{\"Filters\":[{\"Name\":\"tag:app\",\"Values\":[\"blog\"]}]}").response();
        assertThat(ids(page, "InstanceSet")).containsExactly("lhins-blog0001");
        assertThat(page.get("InstanceSet").get(0).get("PrivateAddresses").get(0).asText()).isEqualTo("10.1.2.3");
        assertThat(page.get("InstanceSet").get(0).get("InstanceRestrictState").asText()).isEqualTo("NORMAL");
        StringBuilder hundred = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            hundred.append(i == 0 ? "" : ",").append("\"v").append(i).append('"');
        }
        assertThat(list("lighthouse", "2020-03-24", "DescribeInstances", "{\"Filters\":[{\"Name\":\"tag:app\",\"Values\":["
                + hundred + "]}]}").errorCode()).isNull();
        assertThat(list("lighthouse", "2020-03-24", "DescribeInstances",
                "{\"Filters\":[{\"Name\":\"vpc-id\",\"Values\":[\"x\"]}]}").errorCode())
                .isEqualTo("InvalidParameter.InvalidFilterNotSupportedName");
        assertThat(list("lighthouse", "2020-03-24", "DescribeInstances",
                "{\"InstanceIds\":[\"lhins-blog0001\"],\"Filters\":[{\"Name\":\"zone\",\"Values\":[\"x\"]}]}").errorCode())
                .isEqualTo("InvalidParameter.ParameterConflict");
    }

    @Test
    void autoScalingListsAGroupsInstancesWithTheirLifeCycle() throws Exception {
        JsonNode page = list("as", "2018-04-19", "DescribeAutoScalingInstances",
                "{\"Filters\":[{\"Name\":\"auto-scaling-group-id\",\"Values\":[\"asg-aaaa0001\"]}],\"Limit\":100}")
                .response();
        assertThat(page.get("TotalCount").asInt()).isEqualTo(7);
        JsonNode first = page.get("AutoScalingInstanceSet").get(0);
        assertThat(first.get("LifeCycleState").asText()).isEqualTo("CREATING");
        assertThat(first.get("HealthStatus").asText()).isEqualTo("HEALTHY");
        assertThat(first.has("InstanceState")).isFalse();
        assertThat(list("as", "2018-04-19", "DescribeAutoScalingInstances",
                "{\"Filters\":[{\"Name\":\"auto-scaling-group-id\",\"Values\":[\"group-1\"]}]}").errorCode())
                .isEqualTo("InvalidParameterValue.InvalidAutoScalingGroupId");
        assertThat(list("as", "2018-04-19", "DescribeAutoScalingInstances",
                "{\"Filters\":[{\"Name\":\"tag:app\",\"Values\":[\"web\"]}]}").errorCode())
                .isEqualTo("InvalidParameterValue.Filter");
    }

    @Test
    void tatListsManagedInstancesByTagWithTheirStatus() throws Exception {
        JsonNode page = list("tat", "2020-10-28", "DescribeRegisterInstances",
                "{\"Filters\":[{\"Name\":\"tag:site\",\"Values\":[\"idc1\"]}]}").response();
        assertThat(ids(page, "RegisterInstanceSet")).containsExactly("rins-idc00001");
        assertThat(page.get("RegisterInstanceSet").get(0).get("Status").asText()).isEqualTo("Offline");
        assertThat(list("tat", "2020-10-28", "DescribeRegisterInstances",
                "{\"Filters\":[{\"Name\":\"register-status\",\"Values\":[\"Online\"]}]}").response()
                .get("RegisterInstanceSet")).isEmpty();
    }

    @Test
    void aListedInstanceIsAlsoOneTatRunsCommandsOnWhenRunning() throws Exception {
        emu.fleetInstance(FleetInstance.cvm("ins-stop0001").tag("app", "web").state("STOPPED"));

        RawTatClient.Reply running = new RawTatClient(emu).send("InvokeCommand",
                "{\"CommandId\":\"" + COMMAND_ID + "\",\"InstanceIds\":[\"ins-web00001\"]}");
        RawTatClient.Reply stopped = new RawTatClient(emu).send("InvokeCommand",
                "{\"CommandId\":\"" + COMMAND_ID + "\",\"InstanceIds\":[\"ins-stop0001\"]}");

        assertThat(running.errorCode()).isNull();
        assertThat(stopped.errorCode()).isNotNull();
    }
}
