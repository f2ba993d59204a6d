"""Multiview (light-field, autostereoscopic, holographic) displays: the declaration in the device
descriptor, quilt content against it, and a laboratory's angular luminance sweep."""

import numpy as np
import pytest

from conformance import Evidence, Inconclusive, Parameters, Targets, msg
from conformance.area import readable
from conformance.area import SchemaRegistry
from conformance.areas.terminal.lightfield import POINTER, declared, inconsistencies, parse_sweep, zone_problems, zones
from conformance.areas.terminal.multiview import Layout, order, read_quilt

LIGHT_FIELD = "https://metaverse-conformance.org/schemas/terminal/device-descriptor.json#/$defs/light_field"


def _declarations(targets: Targets, schemas):
    """(descriptor name, light_field, valid) of each display descriptor that declares one."""
    for doc in targets["displays"].documents():  # malformed JSON is a finding already
        found, value = declared(doc.data)
        if found:
            yield doc.name, value, not schemas.findings(value, LIGHT_FIELD) and not inconsistencies(value)


def _the_declaration(targets: Targets, schemas):
    """The one valid declaration content and measurements are judged against."""
    found = list(_declarations(targets, schemas))
    if not found:
        raise Inconclusive(msg("terminal.lf-none-declared"))
    if len(found) > 1:
        raise Inconclusive(msg("terminal.lf-ambiguous", count=len(found)))
    _, value, valid = found[0]
    if not valid:
        raise Inconclusive(msg("terminal.lf-declaration-invalid"))
    return value


@pytest.mark.requirement("TD-HOLO-001")
def test_multiview_display_is_declared_consistently(targets: Targets, schemas: SchemaRegistry, evidence: Evidence):
    checked = 0
    for doc in targets["displays"].documents():
        if not isinstance(doc.data, dict):
            continue
        checked += 1
        found, value = declared(doc.data)
        if not found:  # R1
            evidence.finding(msg("terminal.lf-missing"), file=doc.name, pointer=POINTER)
            continue
        invalid = evidence.findings_from(schemas.iter_findings(value, LIGHT_FIELD, "R1"), file=doc.name)  # R1
        if invalid:
            continue
        for rule, message, pointer in inconsistencies(value):  # R2, R3
            evidence.finding(message, file=doc.name, pointer=POINTER + pointer, rule=rule)
    if not checked and not evidence.findings_count:
        raise Inconclusive(msg("terminal.no-descriptor"))
    evidence.note(msg("terminal.lf-checked", count=checked))


@pytest.mark.requirement("TD-HOLO-002")
def test_quilts_match_the_display_and_keep_view_order(targets: Targets, schemas: SchemaRegistry, evidence: Evidence,
                                                      params: Parameters):
    light_field = _the_declaration(targets, schemas)
    quilt, resolution = light_field["quilt"], light_field["view_resolution"]
    layout = Layout(quilt["columns"], quilt["rows"], quilt["origin"], resolution["width"], resolution["height"],
                    light_field["views"]["horizontal"])
    limit, tolerance = params.max_view_step_ratio, params.quilt_size_tolerance
    judged = 0
    quilts = targets["quilts"]
    for path in quilts.files():
        name = quilts.display_name(path)
        body = readable(quilts, path)
        if body is None:  # refused by the test equipment: left unjudged
            continue
        report = read_quilt(body, name, layout, tolerance)
        if report.unjudged is not None:  # not a PNG or JPEG file (no quilt annex E defines), or past 5.1's bound
            evidence.unjudged(name, report.unjudged)
            continue
        for problem in report.problems:  # R1
            evidence.finding(problem, file=name, rule="R1")
        if report.steps is None:
            continue
        judged += 1
        ordered = order(report.steps)
        if ordered.flat:  # R2 cannot be judged: a quilt of the set left unjudged
            evidence.unjudged(name, msg("terminal.quilt-flat", file=name, step=ordered.step))
            continue
        if ordered.out_of_order:  # R2
            view, step = ordered.out_of_order[0]
            evidence.finding(msg("terminal.quilt-out-of-order", view=view, before=view - 1, step=step,
                                 median=ordered.step, count=len(ordered.out_of_order)), file=name, rule="R2",
                             actual=[v for v, _ in ordered.out_of_order])
        # R3: every pair of adjacent views in order (an out-of-order step is R2's finding), not the median
        wrong = {v for v, _ in ordered.out_of_order}
        sizes = [abs(float(s)) for k, s in enumerate(report.steps) if not np.isnan(s) and k + 1 not in wrong]
        largest = max(sizes, default=abs(ordered.step))
        ratio = largest / report.tile_width
        if ratio > limit:
            evidence.finding(msg("terminal.quilt-step-large", step=largest, ratio=ratio, limit=limit),
                             file=name, rule="R3", actual=round(ratio, 4), expected=f"<= {limit:g}")
        if not ordered.out_of_order and ratio <= limit:
            evidence.note(msg("terminal.quilt-ok", file=name, views=len(report.steps) + 1, step=ordered.step,
                              ratio=ratio))
    if not judged and not evidence.findings_count:
        raise Inconclusive(msg("terminal.no-quilt"))


@pytest.mark.requirement("TD-HOLO-003")
def test_measured_crosstalk_and_viewing_zones(targets: Targets, schemas: SchemaRegistry, evidence: Evidence,
                                              params: Parameters):
    light_field = _the_declaration(targets, schemas)
    views = light_field["views"]["horizontal"]
    limit = min(float(light_field["max_crosstalk_percent"]), params.max_crosstalk_percent)
    cone = float(light_field["view_cone_deg"]["horizontal"])
    judged = 0
    sweeps = targets["sweeps"]
    for path in sweeps.files():
        name = sweeps.display_name(path)
        body = readable(sweeps, path)
        if body is None:  # refused by the test equipment: left unjudged
            continue
        sweep = parse_sweep(body, views)
        for problem, where in sweep.problems:  # R1
            evidence.finding(problem, file=name, rule="R1", **where)
        if sweep.problems:
            continue
        judged += 1
        found = zones(sweep)
        for problem in zone_problems(found, cone, params.view_cone_tolerance):  # R3
            evidence.finding(problem, file=name, rule="R3", expected=f"{views} zones over {cone:g} degrees")
        over = found.crosstalk_percent > limit  # R2
        if over.any():
            worst = int(found.crosstalk_percent.argmax())
            evidence.finding(msg("terminal.lf-crosstalk", over=int(over.sum()), views=views, limit=limit, view=worst,
                                 angle=float(found.peaks_deg[worst]),
                                 crosstalk=float(found.crosstalk_percent[worst])),
                             file=name, rule="R2", actual=round(float(found.crosstalk_percent[worst]), 2),
                             expected=f"<= {limit:g} %")
        else:
            spanned = float(found.peaks_deg[-1] - found.peaks_deg[0]) * views / (views - 1)
            evidence.note(msg("terminal.lf-crosstalk-ok", file=name, views=views, spanned=spanned,
                              low=float(found.crosstalk_percent.min()), high=float(found.crosstalk_percent.max()),
                              limit=limit))
    if not judged and not evidence.findings_count:
        raise Inconclusive(msg("terminal.no-sweep"))
