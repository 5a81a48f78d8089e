"""The checks Apollo runs when it derives the API schema: whatever stays visible must not
depend on something @inaccessible hides."""

from graphql import NonNullTypeNode, TypeNode

from router.composition.issues import CompositionIssue
from router.composition.subgraph import Subgraph, base_name
from router.composition.supergraph import Applied, SInputValue, Supergraph


def _hidden(directives: list[Applied]) -> bool:
    return any(d.name == "inaccessible" for d in directives)


def _base(node: TypeNode | None) -> str:
    assert node is not None
    return base_name(node)


def _required(value: SInputValue) -> bool:
    return isinstance(value.type, NonNullTypeNode) and value.default is None


class _Checker:
    def __init__(self, supergraph: Supergraph, subgraphs: list[Subgraph]) -> None:
        self.sg = supergraph
        self.subs = subgraphs
        self.issues: list[CompositionIssue] = []

    def where(self, type_name: str, field: str | None = None) -> tuple[str, ...]:
        return tuple(
            s.name
            for s in self.subs
            if (t := s.type(type_name)) is not None
            and (field is None or field in t.fields or field in t.input_fields or field in t.values)
        )

    def error(self, code: str, message: str, type_name: str, field: str | None = None) -> None:
        self.issues.append(
            CompositionIssue(code, message, self.where(type_name, field), type_name, field)
        )

    def hidden_type(self, name: str) -> bool:
        t = self.sg.types.get(name)
        return t is not None and _hidden(t.directives)

    def run(self) -> list[CompositionIssue]:
        for kind, root in self.sg.roots.items():
            if self.hidden_type(root):
                self.error(
                    f"{kind.upper()}_ROOT_TYPE_INACCESSIBLE",
                    f'Type "{root}" is @inaccessible but is the {kind} root type, which must be in'
                    " the API schema.",
                    root,
                )
        for t in self.sg.types.values():
            if _hidden(t.directives):
                continue
            self.check_children(t.name)
            for f in t.fields.values():
                if _hidden(f.directives):
                    self.check_implemented(t.name, f.name)
                    continue
                self.check_reference(t.name, f.name, f"{t.name}.{f.name}", _base(f.type))
                for arg in f.args.values():
                    coordinate = f"{t.name}.{f.name}({arg.name}:)"
                    if _hidden(arg.directives):
                        if _required(arg):
                            self.error(
                                "REQUIRED_INACCESSIBLE",
                                f'Argument "{coordinate}" is @inaccessible but is a required'
                                " argument of its field.",
                                t.name,
                                f.name,
                            )
                    else:
                        self.check_reference(t.name, f.name, coordinate, _base(arg.type))
            for i in t.input_fields.values():
                coordinate = f"{t.name}.{i.name}"
                if _hidden(i.directives):
                    if _required(i):
                        self.error(
                            "REQUIRED_INACCESSIBLE",
                            f'Input field "{coordinate}" is @inaccessible but is a required input'
                            " field of its type.",
                            t.name,
                            i.name,
                        )
                else:
                    self.check_reference(t.name, i.name, coordinate, _base(i.type))
        return self.issues

    def check_reference(self, type_name: str, field: str, coordinate: str, target: str) -> None:
        if self.hidden_type(target):
            self.error(
                "REFERENCED_INACCESSIBLE",
                f'Type "{target}" is @inaccessible but is referenced by "{coordinate}", which is in'
                " the API schema.",
                type_name,
                field,
            )

    def check_children(self, name: str) -> None:
        t = self.sg.types[name]
        children: list[list[Applied]] = [f.directives for f in t.fields.values()]
        children += [i.directives for i in t.input_fields.values()]
        children += [v.directives for v in t.values.values()]
        children += [self.sg.types[m].directives for m in t.members if m in self.sg.types]
        if children and all(_hidden(c) for c in children):
            what = {
                "object": "fields",
                "interface": "fields",
                "input": "input fields",
                "enum": "values",
                "union": "members",
            }.get(t.kind, "children")
            self.error(
                "ONLY_INACCESSIBLE_CHILDREN",
                f'Type "{name}" is in the API schema but all of its {what} are @inaccessible.',
                name,
            )

    def check_implemented(self, type_name: str, field: str) -> None:
        for itf in self.sg.types[type_name].interfaces:
            itf_type = self.sg.types.get(itf)
            itf_field = itf_type.fields.get(field) if itf_type else None
            if itf_type is None or itf_field is None:
                continue
            if not _hidden(itf_type.directives) and not _hidden(itf_field.directives):
                self.error(
                    "IMPLEMENTED_BY_INACCESSIBLE",
                    f'Field "{type_name}.{field}" is @inaccessible but implements the interface'
                    f' field "{itf}.{field}", which is in the API schema.',
                    type_name,
                    field,
                )


def validate_inaccessible(
    supergraph: Supergraph, subgraphs: list[Subgraph]
) -> list[CompositionIssue]:
    if "inaccessible" not in supergraph.features:
        return []
    return _Checker(supergraph, subgraphs).run()
