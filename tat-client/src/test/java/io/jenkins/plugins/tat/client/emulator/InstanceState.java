package io.jenkins.plugins.tat.client.emulator;

/** A registered instance with its changeable state: running or not, and its agent's history. */
final class InstanceState {

    final EmulatedInstance instance;
    final AgentTimeline agent;
    boolean running;

    InstanceState(EmulatedInstance instance) {
        this.instance = instance;
        this.agent = new AgentTimeline(instance.agentOnline());
        this.running = instance.running();
    }
}
