package heal

import (
	"sort"
	"strings"

	"github.com/healstack/healstack/healer/container"
)

// resolves tells whether a network_mode reference (ID, short ID or name) names c.
func resolves(ref string, c container.Container) bool {
	if ref == "" {
		return false
	}
	return c.ID == ref || c.Name == ref || (len(ref) >= 12 && strings.HasPrefix(c.ID, ref))
}

// dependentsOf lists the containers that join parent's network namespace directly,
// within the parent's compose project when it has one.
func dependentsOf(parent container.Container, all []container.Container) []container.Container {
	var out []container.Container
	for _, c := range all {
		if c.ID != parent.ID && resolves(c.NetworkParent(), parent) && sameProject(parent, c) {
			out = append(out, c)
		}
	}
	return inStartOrder(out)
}

// parentsIn lists the containers that at least one other container's network_mode
// names, in one pass over the references so that a large host stays cheap.
func parentsIn(all []container.Container) []container.Container {
	refs := map[string]bool{}
	for _, c := range all {
		if ref := c.NetworkParent(); ref != "" {
			refs[ref] = true
		}
	}
	if len(refs) == 0 {
		return nil
	}
	var out []container.Container
	for _, p := range all {
		if refs[p.ID] || refs[p.Name] || refs[container.Short(p.ID)] || anyPrefix(refs, p.ID) {
			out = append(out, p)
		}
	}
	return out
}

// anyPrefix tells whether a reference is an abbreviated form of id (12 characters or
// more, as the engine accepts).
func anyPrefix(refs map[string]bool, id string) bool {
	for ref := range refs {
		if len(ref) >= 12 && strings.HasPrefix(id, ref) {
			return true
		}
	}
	return false
}

// inStartOrder sorts by compose depends_on (a service after those it depends on), then
// by name, as compose would start them.
func inStartOrder(cs []container.Container) []container.Container {
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].Name < cs[j].Name })
	byService := map[string]bool{}
	for _, c := range cs {
		byService[c.Service()] = true
	}
	placed := map[string]bool{}
	var out []container.Container
	for len(out) < len(cs) {
		progress := false
		for _, c := range cs {
			if placed[c.ID] || !depsPlaced(c, byService, placed, cs) {
				continue
			}
			placed[c.ID], progress = true, true
			out = append(out, c)
		}
		if !progress { // a cycle: keep the rest in name order
			for _, c := range cs {
				if !placed[c.ID] {
					placed[c.ID] = true
					out = append(out, c)
				}
			}
		}
	}
	return out
}

// depsPlaced: every service c depends on that is among cs has already been placed.
func depsPlaced(c container.Container, among, placed map[string]bool,
	cs []container.Container) bool {
	for _, svc := range c.DependsOn() {
		if !among[svc] || svc == c.Service() {
			continue
		}
		for _, other := range cs {
			if other.Service() == svc && !placed[other.ID] {
				return false
			}
		}
	}
	return true
}
