"""Merging unions (union of members), enums (by how they are used) and input objects
(intersection of fields)."""

from collections.abc import Sequence

from router.composition.issues import subgraph_names
from router.composition.merge_base import EnumUsage
from router.composition.merge_fields import FieldMerging
from router.composition.merge_override import FieldContext
from router.composition.subgraph import NamedType
from router.composition.supergraph import Applied, SEnumValue, SInputValue, SType, quote


class ValueMerging(FieldMerging):
    def merge_union(self, sources: Sequence[NamedType | None], dest: SType) -> None:
        for source in sources:
            for member in source.members if source is not None else ():
                if member not in dest.members:
                    dest.members.append(member)
        for member in dest.members:
            for idx, source in enumerate(sources):
                if source is not None and member in source.members:
                    dest.directives.append(
                        Applied(
                            "join__unionMember",
                            (("graph", self.graph_values[idx]), ("member", quote(member))),
                        )
                    )

    def merge_enum(self, sources: Sequence[NamedType | None], dest: SType) -> None:
        usage = self.enum_usage.get(dest.name)
        if usage is None:
            usage = EnumUsage("Output")
            self.hints.append(f'Enum type "{dest.name}" is defined but unused.')
        for source in sources:
            for value in source.values if source is not None else ():
                if value not in dest.values:
                    dest.values[value] = SEnumValue(value)
        for name in list(dest.values):
            self.merge_enum_value(sources, dest, name, usage)
        if not dest.values:
            self.error(
                "EMPTY_MERGED_ENUM_TYPE",
                f'None of the values of enum type "{dest.name}" are defined consistently in all the'
                " subgraphs defining that type. As only values common to all subgraphs are merged,"
                " this would result in an empty type.",
                self.present(sources),
                dest.name,
            )

    def merge_enum_value(
        self, sources: Sequence[NamedType | None], dest: SType, name: str, usage: EnumUsage
    ) -> None:
        value = dest.values[name]
        value_sources = [s.values.get(name) if s is not None else None for s in sources]
        value.description = self.merge_description(
            [v.description if v else None for v in value_sources]
        )
        self.record_directives(value_sources, value.directives)
        for idx, v in enumerate(value_sources):
            if v is not None:
                value.directives.append(
                    Applied("join__enumValue", (("graph", self.graph_values[idx]),))
                )
        inaccessible = any(d.name == "inaccessible" for d in value.directives)
        missing = [s is not None and name not in s.values for s in sources]
        if inaccessible or usage.position == "Output" or not any(missing):
            return
        if usage.position == "Both":
            presence = [None if s is None else "yes" if name in s.values else "no" for s in sources]
            parts = self.distribution(
                presence,
                "yes",
                lambda v, n: f'"{name}" is defined in {n}' if v == "yes" else f" but not in {n}",
            )
            self.error(
                "ENUM_VALUE_MISMATCH",
                f'Enum type "{dest.name}" is used as both input type (for example, as type of'
                f' "{usage.examples["Input"]}") and output type (for example, as type of'
                f' "{usage.examples["Output"]}"), but value "{name}" is not defined in all the'
                f' subgraphs defining "{dest.name}": ' + parts[0] + " and ".join(parts[1:]),
                self.present(sources),
                dest.name,
            )
            return
        self.hints.append(
            f'Value "{name}" of enum type "{dest.name}" will not be part of the supergraph as it'
            f' is not defined in all the subgraphs defining "{dest.name}"'
        )
        del dest.values[name]

    def merge_input(self, sources: Sequence[NamedType | None], dest: SType) -> None:
        names: list[str] = []
        for source in sources:
            for name in source.input_fields if source is not None else ():
                if name not in names:
                    names.append(name)
        for name in names:
            fields = [s.input_fields.get(name) if s is not None else None for s in sources]
            merged = SInputValue(name)
            dest.input_fields[name] = merged
            coordinate = f"{dest.name}.{name}"
            merged.description = self.merge_description(
                [f.description if f else None for f in fields]
            )
            self.record_directives(fields, merged.directives)
            all_equal = self.merge_type_reference(
                fields, merged, coordinate, dest.name, name, is_input=True
            )
            self.add_join_field(fields, merged, all_equal, FieldContext(), dest.name)
            self.merge_default_value(fields, merged, "Input field", coordinate, dest.name, name)
            inaccessible = any(d.name == "inaccessible" for d in merged.directives)
            missing = [
                self.names[i]
                for i, s in enumerate(sources)
                if s is not None and name not in s.input_fields
            ]
            if inaccessible or not missing:
                continue
            required = [
                self.names[i] for i, f in enumerate(fields) if f is not None and f.is_required
            ]
            if required:
                self.error(
                    "REQUIRED_INPUT_FIELD_MISSING_IN_SOME_SUBGRAPH",
                    f'Input object field "{coordinate}" is required in some subgraphs but does not'
                    f" appear in all subgraphs: it is required in {subgraph_names(required)} but"
                    f" does not appear in {subgraph_names(missing)}",
                    required + missing,
                    dest.name,
                    name,
                )
            else:
                self.hints.append(
                    f'Input object field "{name}" will not be added to "{dest.name}" in the'
                    " supergraph as it does not appear in all subgraphs"
                )
            del dest.input_fields[name]
        if not dest.input_fields:
            self.error(
                "EMPTY_MERGED_INPUT_TYPE",
                f'None of the fields of input object type "{dest.name}" are consistently defined in'
                " all the subgraphs defining that type. As only fields common to all subgraphs are"
                " merged, this would result in an empty type.",
                self.present(sources),
                dest.name,
            )
