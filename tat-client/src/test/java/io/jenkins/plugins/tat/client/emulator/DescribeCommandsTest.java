package io.jenkins.plugins.tat.client.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** DescribeCommands: the Command fields and selection (docs/dev/protocol.md §4.5). */
class DescribeCommandsTest extends EmulatorTestSupport {

    @Test
    void reportsTheDocumentedFields() throws Exception {
        emu.command(EmulatedCommand.builder("cmd-full0001").name("deploy-app").description("Deploys").type("POWERSHELL")
                .content("Write-Output hi").enableParameter(true).defaultParameter("version", "1.0")
                .declaredParameter("env").timeout(300).workingDirectory("C:\\work").username("System")
                .outputCosBucketUrl("https://b-1.cos.ap-guangzhou.myqcloud.com").outputCosKeyPrefix("logs").build());

        JsonNode command = call("DescribeCommands", json("{'CommandIds':['cmd-full0001']}")).get("CommandSet").get(0);

        assertThat(command.get("CommandId").asText()).isEqualTo("cmd-full0001");
        assertThat(command.get("CommandName").asText()).isEqualTo("deploy-app");
        assertThat(command.get("Description").asText()).isEqualTo("Deploys");
        assertThat(new String(Base64.getDecoder().decode(command.get("Content").asText()))).isEqualTo("Write-Output hi");
        assertThat(command.get("CommandType").asText()).isEqualTo("POWERSHELL");
        assertThat(command.get("Timeout").asLong()).isEqualTo(300);
        assertThat(command.get("WorkingDirectory").asText()).isEqualTo("C:\\work");
        assertThat(command.get("Username").asText()).isEqualTo("System");
        assertThat(command.get("EnableParameter").asBoolean()).isTrue();
        assertThat(command.get("DefaultParameters").isTextual()).isTrue();
        assertThat(command.get("DefaultParameters").asText()).isEqualTo("{\"version\":\"1.0\"}");
        assertThat(command.get("DefaultParameterConfs").get(0).get("ParameterName").asText()).isEqualTo("version");
        assertThat(command.get("DefaultParameterConfs").get(0).get("ParameterValue").asText()).isEqualTo("1.0");
        assertThat(command.get("CreatedBy").asText()).isEqualTo("USER");
        assertThat(command.get("CreatedTime").asText()).isEqualTo("2020-11-05T07:49:56+00:00");
        assertThat(command.get("OutputCOSBucketUrl").asText()).isEqualTo("https://b-1.cos.ap-guangzhou.myqcloud.com");
        assertThat(command.get("OutputCOSKeyPrefix").asText()).isEqualTo("logs");
        assertThat(command.get("Scenes").isArray()).isTrue();
        assertThat(command.get("Tags").isArray()).isTrue();
        assertThat(command.get("FormattedDescription").asText()).isEmpty();
    }

    @Test
    void filtersByNameTypeAndCreator() throws Exception {
        emu.command(EmulatedCommand.builder("cmd-bat00001").name("win").type("BAT").createdBy("TAT").build());

        assertThat(call("DescribeCommands", json("{'Filters':[{'Name':'command-name','Values':['deploy']}]}"))
                .get("CommandSet").get(0).get("CommandId").asText()).isEqualTo(COMMAND_ID);
        assertThat(call("DescribeCommands", json("{'Filters':[{'Name':'command-type','Values':['BAT']}]}"))
                .get("CommandSet").get(0).get("CommandId").asText()).isEqualTo("cmd-bat00001");
        assertThat(call("DescribeCommands", json("{'Filters':[{'Name':'created-by','Values':['TAT','USER']}]}"))
                .get("TotalCount").asInt()).isEqualTo(2);
        assertThat(call("DescribeCommands", json("{'Filters':[{'Name':'tag-key','Values':['team']}]}"))
                .get("TotalCount").asInt()).isZero();
    }

    @Test
    void pagesInRegistrationOrder() throws Exception {
        emu.command(EmulatedCommand.builder("cmd-second01").build());
        emu.command(EmulatedCommand.builder("cmd-third001").build());

        JsonNode page = call("DescribeCommands", json("{'Limit':1,'Offset':1}"));

        assertThat(page.get("TotalCount").asInt()).isEqualTo(3);
        assertThat(page.get("CommandSet").get(0).get("CommandId").asText()).isEqualTo("cmd-second01");
    }

    @Test
    void rejectsBadSelections() {
        assertThat(errorCode("DescribeCommands", json("{'CommandIds':['cmd-x']}")))
                .isEqualTo("InvalidParameterValue.InvalidCommandId");
        assertThat(errorCode("DescribeCommands", json("{'Filters':[{'Name':'owner','Values':['me']}]}")))
                .isEqualTo("InvalidParameterValue.InvalidFilter");
        assertThat(errorCode("DescribeCommands", json("{'Filters':[{'Name':'command-name','Values':[]}]}")))
                .isEqualTo("InvalidParameterValue.InvalidFilter");
    }
}
