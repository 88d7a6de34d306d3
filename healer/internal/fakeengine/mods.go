package fakeengine

import (
	"maps"

	"github.com/moby/moby/api/types/container"
)

// NetworkParent makes the container join the network namespace of the container with
// the given ID, as network_mode "container:<id>" does.
func NetworkParent(id string) func(*container.InspectResponse) {
	return func(c *container.InspectResponse) {
		if c.HostConfig == nil {
			c.HostConfig = &container.HostConfig{}
		}
		c.HostConfig.NetworkMode = container.NetworkMode("container:" + id)
	}
}

// Labels adds labels to the container's config.
func Labels(labels map[string]string) func(*container.InspectResponse) {
	return func(c *container.InspectResponse) {
		if c.Config == nil {
			c.Config = &container.Config{}
		}
		if c.Config.Labels == nil {
			c.Config.Labels = map[string]string{}
		}
		maps.Copy(c.Config.Labels, labels)
	}
}

// StopTimeout sets the container's own stop timeout, in seconds.
func StopTimeout(seconds int) func(*container.InspectResponse) {
	return func(c *container.InspectResponse) {
		if c.Config == nil {
			c.Config = &container.Config{}
		}
		c.Config.StopTimeout = &seconds
	}
}
