"""`templates` and `show`: what templates and scales s11schema can see, and what they hold."""

from __future__ import annotations

import argparse
import json
from typing import Any, TextIO

from ._common import CLEAN, PROBLEMS, Command, print_findings, registry


def _templates(args: argparse.Namespace, out: TextIO) -> int:
    if args.where:
        return _where(args, out)
    found = registry(args)
    rows: list[dict[str, Any]] = [
        {"id": t.id, "version": t.version, "scale": t.scale, "standards": len(t.standard_ids),
         "title": t.title, "partnership": t.partnership}
        for t in sorted(found.templates(), key=lambda t: (t.id, t.version or ""))]
    broken = found.broken()
    print_findings(broken)
    code = PROBLEMS if broken else CLEAN
    if args.format == "json":
        print(json.dumps(rows, indent=2, ensure_ascii=False), file=out)
        return code
    width = max((len(r["id"]) for r in rows), default=2)
    print(f"{'id':<{width}}  {'version':<8} {'scale':<10} {'standards':>9}  partnership", file=out)
    for r in rows:
        print(f"{r['id']:<{width}}  {r['version'] or '-':<8} {r['scale']:<10} "
              f"{r['standards']:>9}  {r['partnership']}", file=out)
    return code


def _where(args: argparse.Namespace, out: TextIO) -> int:
    """The folders searched, in order: the user's, then the bundle's (to copy from)."""
    from .._roots import bundled_dirs

    bundled = {d.resolve() for d in bundled_dirs()}
    rows = [{"folder": str(root), "bundled": root.resolve() in bundled}
            for root in registry(args).roots]
    if args.format == "json":
        print(json.dumps(rows, indent=2, ensure_ascii=False), file=out)
        return CLEAN
    for row in rows:
        print(f"{'bundled' if row['bundled'] else 'yours':<8} {row['folder']}", file=out)
    return CLEAN


def _templates_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--format", choices=["text", "json"], default="text")
    sub.add_argument("--where", action="store_true",
                     help="print the folders searched instead, yours first, then the bundled "
                          "templates and scales (to copy from)")


def _show(args: argparse.Namespace, out: TextIO) -> int:
    from .._show import scale_summary, template_summary, template_text

    found = registry(args)
    if args.scale:
        summary = scale_summary(found.scale(args.name))
        if args.format == "json":
            print(json.dumps(summary, indent=2, ensure_ascii=False), file=out)
            return CLEAN
        print(f"{summary['title']} ({summary['id']})", file=out)
        for level in summary["levels"]:
            print(f"  {level['code']:<24} {level['label']:<28} {level['normalised']:.3f}"
                  f"  {level['band']}", file=out)
        return CLEAN
    template = found.template(args.name, args.version)
    if args.format == "json":
        print(json.dumps(template_summary(template, found), indent=2, ensure_ascii=False),
              file=out)
    else:
        print(template_text(template, found, guidance=not args.brief), file=out)
    return CLEAN


def _show_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("name", metavar="TEMPLATE", help="template id (or scale id with --scale)")
    sub.add_argument("--version", dest="version", metavar="VERSION", default=None,
                     help="the template version, where several exist")
    sub.add_argument("--scale", action="store_true", help="show a scale instead")
    sub.add_argument("--brief", action="store_true",
                     help="standards only, without their guidance, evidence examples and "
                          "references")
    sub.add_argument("--format", choices=["text", "json"], default="text")


TEMPLATES = Command("templates", "list the templates s11schema can see", _templates_arguments,
                    _templates)
SHOW = Command("show", "show a template's sections, standards, codes and questions (or a "
               "scale with --scale)", _show_arguments, _show)
