package io.jenkins.plugins.tat.client.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;

/**
 * DescribeCommands (docs/dev/protocol.md §4.5): registered commands in registration order, selected by
 * CommandIds or by the filters command-id, command-name, command-type and created-by, paged by
 * Limit and Offset. The emulator's commands have no scenes or tags, so the real filters
 * scene-id, tag-key and tag-value are accepted and match nothing. Commands are visible in every
 * region (a simplification: real commands are regional).
 */
final class DescribeCommandsAction implements TatAction {

    private static final Set<String> FIELDS = Set.of("CommandIds", "Filters", "Limit", "Offset");

    private static final DescribeQuery.Catalog<EmulatedCommand> CATALOG =
            new DescribeQuery.Catalog<EmulatedCommand>("CommandIds", TatIds.COMMAND, EmulatedCommand::commandId)
                    .filter("command-id", TatIds.COMMAND, (cmd, v) -> v.equals(cmd.commandId()))
                    .filter("command-name", EmulatedCommand::name)
                    .filter("command-type", EmulatedCommand::type)
                    .filter("created-by", EmulatedCommand::createdBy)
                    .filter("scene-id", null, (cmd, v) -> false)
                    .filter("tag-key", null, (cmd, v) -> cmd.tags().containsKey(v))
                    .filter("tag-value", null, (cmd, v) -> cmd.tags().containsValue(v));

    @Override
    public String name() {
        return "DescribeCommands";
    }

    @Override
    public ObjectNode execute(Context context) {
        DescribeQuery<EmulatedCommand> query = DescribeQuery.parse(new ActionParams(context.body(), FIELDS), CATALOG);
        DescribeQuery.Page<EmulatedCommand> page = query.page(new ArrayList<>(context.state().commands.values()));
        ObjectNode response = TatJson.object();
        response.put("TotalCount", page.totalCount());
        ArrayNode set = response.putArray("CommandSet");
        for (EmulatedCommand command : page.items()) {
            set.add(render(command));
        }
        return response;
    }

    private static ObjectNode render(EmulatedCommand command) {
        ObjectNode node = TatJson.object();
        node.put("CommandId", command.commandId());
        node.put("CommandName", command.name());
        node.put("Description", command.description());
        node.put("Content", command.contentBase64());
        node.put("CommandType", command.type());
        node.put("WorkingDirectory", command.workingDirectory());
        node.put("Timeout", command.timeout());
        TatJson.putTime(node, "CreatedTime", command.createdTime());
        TatJson.putTime(node, "UpdatedTime", command.createdTime());
        node.put("EnableParameter", command.enableParameter());
        node.put("DefaultParameters", TatJson.encodeParameters(command.defaultParameters()));
        ArrayNode confs = node.putArray("DefaultParameterConfs");
        for (Map.Entry<String, String> parameter : command.defaultParameters().entrySet()) {
            confs.addObject()
                    .put("ParameterName", parameter.getKey())
                    .put("ParameterValue", parameter.getValue())
                    .put("ParameterDescription", "");
        }
        node.putArray("Scenes");
        node.put("FormattedDescription", "");
        node.put("CreatedBy", command.createdBy());
        com.fasterxml.jackson.databind.node.ArrayNode tags = node.putArray("Tags");
        command.tags().forEach((key, value) -> tags.addObject().put("Key", key).put("Value", value));
        node.put("Username", command.username());
        node.put("OutputCOSBucketUrl", command.outputCosBucketUrl());
        node.put("OutputCOSKeyPrefix", command.outputCosKeyPrefix());
        return node;
    }
}
