#include "core/layout/auto_layout.h"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>
#include <optional>
#include <vector>

#include "core/edit/design_edits.h"

namespace mailtopo::layout {
namespace {

// Card sizes in scene units (points), roughly what the canvas draws.
struct Size {
    double width;
    double height;
};
constexpr Size kHostSize{220, 150};
constexpr Size kSegmentSize{180, 60};
constexpr Size kDeviceSize{200, 120};
constexpr double kGap = 120;  // between the existing drawing and the new part, and around the grid
// Above this many connected elements dot's crossing minimisation gets slow; a grid is used.
constexpr size_t kMaxGraphvizNodes = 3000;

std::mutex& graphvizMutex() {
    static std::mutex mutex;
    return mutex;
}

struct Node {
    model::Id id;
    Size size;
};

struct Edge {
    model::Id from;
    model::Id to;
};

std::string quoted(const std::string& id) {
    std::string out = "\"";
    for (char c : id) {
        if (c == '"' || c == '\\')
            out += '\\';
        out += c;
    }
    return out + "\"";
}

struct Graph {
    std::vector<Node> nodes;
    std::vector<Edge> edges;
};

// The new elements and how mail reaches them: internet segments feed the devices that touch
// them, devices feed their inner segments, segments feed the hosts on them (internet-side hosts
// feed the internet segment instead).
Graph buildGraph(const model::Design& design, const std::set<model::Id>& place) {
    Graph g;
    std::map<model::Id, model::SegmentKind> segmentKind;
    for (const auto& s : design.segments) {
        segmentKind[s.id] = s.kind;
        if (place.count(s.id))
            g.nodes.push_back({s.id, kSegmentSize});
    }
    auto linkDevice = [&](const model::Id& device,
                          const std::vector<model::DeviceInterface>& interfaces) {
        for (const auto& i : interfaces) {
            if (!place.count(i.segmentId))
                continue;
            if (segmentKind[i.segmentId] == model::SegmentKind::Internet)
                g.edges.push_back({i.segmentId, device});
            else
                g.edges.push_back({device, i.segmentId});
        }
    };
    for (const auto& fw : design.firewalls) {
        if (!place.count(fw.id))
            continue;
        g.nodes.push_back({fw.id, kDeviceSize});
        linkDevice(fw.id, fw.interfaces);
    }
    for (const auto& r : design.routers) {
        if (!place.count(r.id))
            continue;
        g.nodes.push_back({r.id, kDeviceSize});
        linkDevice(r.id, r.interfaces);
    }
    for (const auto& lb : design.loadBalancers) {
        if (!place.count(lb.id))
            continue;
        g.nodes.push_back({lb.id, kDeviceSize});
        linkDevice(lb.id, lb.interfaces);
    }
    for (const auto& h : design.hosts) {
        if (!place.count(h.id))
            continue;
        g.nodes.push_back({h.id, kHostSize});
        const bool internetSide =
            h.kind == model::HostKind::InternetSender || h.kind == model::HostKind::Partner;
        std::set<model::Id> seen;
        for (const auto& nic : h.nics) {
            if (!place.count(nic.segmentId) || !seen.insert(nic.segmentId).second)
                continue;
            if (internetSide && segmentKind[nic.segmentId] == model::SegmentKind::Internet)
                g.edges.push_back({h.id, nic.segmentId});
            else
                g.edges.push_back({nic.segmentId, h.id});
        }
    }
    return g;
}

std::string dotText(const Graph& g, const std::vector<const Node*>& nodes) {
    std::string dot =
        "digraph mailtopo {\n"
        "graph [rankdir=LR, nodesep=0.5, ranksep=1.4, splines=false];\n"
        "node [shape=box, fixedsize=true, label=\"\"];\n";
    for (const Node* n : nodes) {
        dot += quoted(n->id) + " [width=" + std::to_string(n->size.width / 72.0) +
               ", height=" + std::to_string(n->size.height / 72.0) + "];\n";
    }
    for (const Edge& e : g.edges)
        dot += quoted(e.from) + " -> " + quoted(e.to) + ";\n";
    dot += "}\n";
    return dot;
}

// Runs dot; returns each node's top-left corner, with y growing downwards as on the canvas.
std::optional<std::map<model::Id, model::Placement>> runDot(const std::string& dot,
                                                            std::string& error) {
    std::lock_guard<std::mutex> lock(graphvizMutex());
    GVC_t* gvc = gvContext();
    if (gvc == nullptr) {
        error = "Graphviz could not be initialised";
        return std::nullopt;
    }
    Agraph_t* graph = agmemread(dot.c_str());
    if (graph == nullptr) {
        gvFreeContext(gvc);
        error = "Graphviz could not read the generated graph";
        return std::nullopt;
    }
    std::optional<std::map<model::Id, model::Placement>> out;
    if (gvLayout(gvc, graph, "dot") != 0) {
        error = "Graphviz dot failed (is the dot layout plugin installed?)";
    } else {
        out.emplace();
        const double top = GD_bb(graph).UR.y;
        for (Agnode_t* n = agfstnode(graph); n != nullptr; n = agnxtnode(graph, n)) {
            const double w = ND_width(n) * 72.0;
            const double h = ND_height(n) * 72.0;
            const double x = ND_coord(n).x - w / 2;
            const double y = (top - ND_coord(n).y) - h / 2;
            (*out)[agnameof(n)] = model::Placement{std::round(x), std::round(y)};
        }
        gvFreeLayout(gvc, graph);
    }
    agclose(graph);
    gvFreeContext(gvc);
    return out;
}

void placeOnGrid(const std::vector<const Node*>& nodes, double left, double top,
                 std::map<model::Id, model::Placement>& out, double& bottom) {
    if (nodes.empty())
        return;
    const size_t columns =
        std::clamp<size_t>(static_cast<size_t>(std::ceil(std::sqrt(nodes.size()))), 1, 10);
    double pitchX = 0, pitchY = 0;
    for (const Node* n : nodes) {
        pitchX = std::max(pitchX, n->size.width + kGap / 2);
        pitchY = std::max(pitchY, n->size.height + kGap / 2);
    }
    for (size_t i = 0; i < nodes.size(); ++i) {
        const double x = left + static_cast<double>(i % columns) * pitchX;
        const double y = top + static_cast<double>(i / columns) * pitchY;
        out[nodes[i]->id] = model::Placement{std::round(x), std::round(y)};
        bottom = std::max(bottom, y + nodes[i]->size.height);
    }
}

}  // namespace

namespace {

// Positions for the elements in `place`, with the drawing's top-left at (0, 0): dot for the
// connected ones, a grid below for the rest. Fills in the result's Graphviz fields.
std::map<model::Id, model::Placement> computePlacements(const model::Design& design,
                                                        const std::set<model::Id>& place,
                                                        PlacementResult& result) {
    std::map<model::Id, model::Placement> placed;
    const Graph graph = buildGraph(design, place);
    if (graph.nodes.empty())
        return placed;

    std::set<model::Id> linked;
    for (const Edge& e : graph.edges) {
        linked.insert(e.from);
        linked.insert(e.to);
    }
    std::vector<const Node*> connected, isolated;
    for (const Node& n : graph.nodes)
        (linked.count(n.id) ? connected : isolated).push_back(&n);

    double bottom = 0;
    if (!connected.empty() && connected.size() <= kMaxGraphvizNodes) {
        std::string error;
        if (auto positions = runDot(dotText(graph, connected), error)) {
            result.usedGraphviz = true;
            for (const Node* n : connected) {
                const auto it = positions->find(n->id);
                if (it == positions->end())
                    continue;
                placed[n->id] = it->second;
                bottom = std::max(bottom, it->second.y + n->size.height);
            }
        } else {
            result.error = error;
        }
    } else if (!connected.empty()) {
        result.error = std::to_string(connected.size()) +
                       " connected elements are too many for a readable dot layout";
    }
    // Whatever dot did not place, plus the unconnected elements, goes on a grid below.
    std::vector<const Node*> rest;
    for (const Node* n : connected) {
        if (!placed.count(n->id))
            rest.push_back(n);
    }
    rest.insert(rest.end(), isolated.begin(), isolated.end());
    placeOnGrid(rest, 0, placed.empty() ? 0 : bottom + kGap, placed, bottom);
    return placed;
}

model::View& viewFor(model::Design& design, const std::string& viewId) {
    const std::string id = edit::ensureView(design, viewId);
    for (model::View& view : design.views) {
        if (view.id == id)
            return view;
    }
    return design.views.front();  // not reached: ensureView returns an existing view
}

void applyPlacements(model::View& view, const std::map<model::Id, model::Placement>& placed,
                     double offsetX, double offsetY, PlacementResult& result) {
    for (const auto& [id, p] : placed) {
        view.placements[id] = model::Placement{p.x + offsetX, p.y + offsetY};
        ++result.placed;
    }
}

}  // namespace

PlacementResult placeNewElements(model::Design& design, const std::set<model::Id>& newIds) {
    PlacementResult result;
    model::View& view = viewFor(design, {});
    result.viewId = view.id;

    std::set<model::Id> place;
    for (const model::Id& id : newIds) {
        if (!view.placements.count(id))
            place.insert(id);
    }
    const auto placed = computePlacements(design, place, result);
    // Below everything the view already shows, aligned with its left edge.
    double offsetX = 0, offsetY = 0;
    if (!view.placements.empty()) {
        double minX = INFINITY, maxY = -INFINITY;
        for (const auto& [id, p] : view.placements) {
            minX = std::min(minX, p.x);
            maxY = std::max(maxY, p.y);
        }
        offsetX = minX;
        offsetY = maxY + kHostSize.height + kGap;
    }
    applyPlacements(view, placed, offsetX, offsetY, result);
    return result;
}

PlacementResult relayoutElements(model::Design& design, const std::string& viewId,
                                 const std::set<model::Id>& ids) {
    PlacementResult result;
    model::View& view = viewFor(design, viewId);
    result.viewId = view.id;
    // The new arrangement starts where the old one did, so the rest of the drawing stays.
    double left = INFINITY, top = INFINITY;
    for (const model::Id& id : ids) {
        const auto it = view.placements.find(id);
        if (it == view.placements.end())
            continue;
        left = std::min(left, it->second.x);
        top = std::min(top, it->second.y);
    }
    const auto placed = computePlacements(design, ids, result);
    applyPlacements(view, placed, std::isfinite(left) ? left : 0, std::isfinite(top) ? top : 0,
                    result);
    return result;
}

}  // namespace mailtopo::layout
