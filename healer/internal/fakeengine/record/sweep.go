package main

import (
	"context"
	"errors"
	"fmt"

	cerrdefs "github.com/containerd/errdefs"
	"github.com/moby/moby/client"
)

// labelKey marks everything the recorder creates, so a sweep finds it again.
const labelKey = "io.healstack.record"

func labelFilter() client.Filters {
	return make(client.Filters).Add("label", labelKey+"=true")
}

// sweep removes every container, network and image carrying the recorder's label.
func sweep(ctx context.Context, cli *client.Client) error {
	return errors.Join(sweepContainers(ctx, cli), sweepNetworks(ctx, cli), sweepImage(ctx, cli))
}

func sweepContainers(ctx context.Context, cli *client.Client) error {
	list, err := cli.ContainerList(ctx, client.ContainerListOptions{
		All: true, Filters: labelFilter(),
	})
	if err != nil {
		return fmt.Errorf("listing containers: %w", err)
	}
	var errs []error
	for _, c := range list.Items {
		_, err := cli.ContainerRemove(ctx, c.ID, client.ContainerRemoveOptions{Force: true})
		if err != nil && !cerrdefs.IsNotFound(err) {
			errs = append(errs, fmt.Errorf("removing container %s: %w", short(c.ID), err))
		}
	}
	return errors.Join(errs...)
}

func sweepNetworks(ctx context.Context, cli *client.Client) error {
	list, err := cli.NetworkList(ctx, client.NetworkListOptions{Filters: labelFilter()})
	if err != nil {
		return fmt.Errorf("listing networks: %w", err)
	}
	var errs []error
	for _, n := range list.Items {
		_, err := cli.NetworkRemove(ctx, n.ID, client.NetworkRemoveOptions{})
		if err != nil && !cerrdefs.IsNotFound(err) {
			errs = append(errs, fmt.Errorf("removing network %s: %w", n.Name, err))
		}
	}
	return errors.Join(errs...)
}

func sweepImage(ctx context.Context, cli *client.Client) error {
	_, err := cli.ImageRemove(ctx, imageName, client.ImageRemoveOptions{
		Force: true, PruneChildren: true, // also the classic builder's parent layers
	})
	if err != nil && !cerrdefs.IsNotFound(err) {
		return fmt.Errorf("removing image %s: %w", imageName, err)
	}
	return nil
}
