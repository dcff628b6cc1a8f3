"""Model names by policy (scripts/naming.py): the committed config is what the rule computes from the spec,
and no generated class carries the generator's status-code names."""

from __future__ import annotations

import re

from scripts import generator_view, naming
from scripts.oas import SPEC_PATH
from tests.support.spec_contract import CONFIG_PATH, SPEC, view

STATUS_NAMES = re.compile(r"Response(\d{3}|\dXX|Default)|Body$")


def test_the_committed_class_overrides_are_what_the_naming_rule_computes() -> None:
    config = generator_view.config_file(CONFIG_PATH)
    committed = generator_view.class_overrides(config)

    computed = naming.policy(SPEC, config, SPEC_PATH, previous=(SPEC, config))

    assert computed == committed, "generator-config.yaml's class_overrides differ from the naming policy's"


def test_every_name_has_the_rules_shape() -> None:
    config = generator_view.config_file(CONFIG_PATH)
    bare = generator_view.view(SPEC, generator_view.with_class_overrides(config, {}), SPEC_PATH)
    components = naming.component_classes(SPEC, config, SPEC_PATH)

    assert naming.misnamed(bare, components, generator_view.class_overrides(config)) == []


def test_no_class_is_named_after_a_status_code_or_body() -> None:
    config = generator_view.config_file(CONFIG_PATH)
    components = naming.component_classes(SPEC, config, SPEC_PATH)
    classes = set(view().models) | set(view().enums)

    named_by_status = sorted(name for name in classes - components if STATUS_NAMES.search(name))

    assert not named_by_status, f"classes named after a status code instead of the policy: {named_by_status}"


def test_every_policy_name_is_the_class_the_generator_emits() -> None:
    config = generator_view.config_file(CONFIG_PATH)
    classes = set(view().models) | set(view().enums)

    assert set(generator_view.class_overrides(config).values()) <= classes
