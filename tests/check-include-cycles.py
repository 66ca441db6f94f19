#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails when the modules of src/ include each other in a circle.

A module is x.c + x.h + x-private.h. Module A depends on module B when any of
A's files says `#include "b.h"` (or "b-private.h") of a project header. Every
circle in that graph is named, e.g. signet-window -> signet-library-view ->
signet-window, and the test fails when there is one anywhere under src/.
Generated headers (config.h, enums, resources) are not modules and are
skipped."""

import pathlib
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.MULTILINE)


def module_of(name: str) -> str:
    stem = name.rsplit(".", 1)[0]
    return stem[: -len("-private")] if stem.endswith("-private") else stem


def build_graph(src: pathlib.Path):
    """{module: set of modules it includes}, {module: its folder under src/}."""
    files = [p for p in src.rglob("*") if p.suffix in (".c", ".h")]
    modules = {module_of(p.name): p.parent.relative_to(src).as_posix() for p in files}
    graph = {m: set() for m in modules}
    for path in files:
        here = module_of(path.name)
        for header in INCLUDE.findall(path.read_text(encoding="utf-8")):
            there = module_of(pathlib.PurePosixPath(header).name)
            if there in modules and there != here:
                graph[here].add(there)
    return graph, modules


def strongly_connected(graph):
    """Tarjan's algorithm, iterative: the components with more than one module."""
    index, low, on_stack, stack, found = {}, {}, set(), [], []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def one_cycle(graph, component):
    """A shortest circle through the component's first module, for the message."""
    members = set(component)
    start = component[0]
    paths = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for child in sorted(graph[node] & members):
            if child == start:
                return paths[node] + [start]
            if child not in paths:
                paths[child] = paths[node] + [child]
                queue.append(child)
    return component


def main() -> int:
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()
    graph, modules = build_graph(root / "src")
    components = strongly_connected(graph)
    for component in components:
        folders = sorted({modules[m] for m in component})
        print(f"include cycle in src/{', src/'.join(folders)} among {len(component)} modules: "
              + " -> ".join(one_cycle(graph, component)))
    n_edges = sum(len(v) for v in graph.values())
    print(f"{len(graph)} modules, {n_edges} include edges, {len(components)} cycles")
    return 1 if components else 0


if __name__ == "__main__":
    sys.exit(main())
