"""Run Splink (4.x, DuckDB backend) on the same CSV files as `npm run eval:linkage`, for a side-by-side table.

Reads one JSON job from a file given as the first argument, or from stdin:

    {"task": "febrl" | "identity", "mode": "link" | "dedupe",
     "left": "<csv>", "right": "<csv>" (link only),
     "truth": "febrl" | "<cluster column>", "threshold": 0.5,
     "load": "notebook" | "clean" (FEBRL only, optional, default "notebook"),
     "seed": 1 (optional: a seed for the random pairs that estimate u; the examples set none),
     "pairs_out": "<csv>" (optional: every scored candidate pair written there, for per-kind error rates)}

and prints one JSON object: precision, recall, F1, TP/FP/FN at the threshold, the oracle best-threshold
figures, the candidate pair count, the run time (reading the CSVs, training and predicting, without Python
start-up and imports) and the Splink version.

The metrics follow scripts/eval/linkage.ts exactly:
- pairwise: a predicted pair is a true positive when both records have the same entity;
- true pairs are counted over all records, not only the candidates: for a dedupe, the sum of c·(c−1)/2 over
  the entities' record counts; for a link, the sum over entities of left records x right records (linkage.ts
  counts the left records whose entity is on the right: the same figure when, as in FEBRL4, an entity has at
  most one record per side);
- precision is 1 when nothing is predicted; FN = true pairs − TP;
- "best" sweeps the scored candidate pairs from the highest match weight down, evaluating at each distinct
  weight, with the truth at hand (an oracle figure, not a threshold Splink would choose).

No labels are used in training: the truth column is read only after prediction, to count.
See README.md beside this file for the environment.
"""

from __future__ import annotations

import json
import logging
import math
import sys
import time
from collections import Counter
from typing import Any

import pandas as pd
import splink
import splink.comparison_library as cl
from splink import DuckDBAPI, Linker, SettingsCreator, block_on
from splink.internals.exceptions import EMTrainingException

logging.getLogger("splink").setLevel(logging.ERROR)


# --------------------------------------------------------------------------------------------------------------
# FEBRL: Splink's own examples, docs/demos/examples/duckdb/febrl3.ipynb (dedupe) and febrl4.ipynb (link,
# the "detailed model") at the release tag used (see README.md).
# --------------------------------------------------------------------------------------------------------------


def febrl_entity(rec_id: str) -> str:
    """`rec-12-org`, `rec-12-dup-0` -> `12` (as linkage.ts: the second `-` part)."""
    parts = str(rec_id).split("-")
    return parts[1] if len(parts) > 1 else str(rec_id)


def read_febrl(path: str, load: str) -> pd.DataFrame:
    """"notebook" (the default) reproduces the published notebook figures exactly (FEBRL3 at p >= 0.5: TP 6448,
    FP 2, FN 90; FEBRL4: TP 4992, FP 0, FN 8); "clean" reads the files as the engine does."""
    if load == "notebook":
        # As the notebooks read splink_datasets.febrl*: pandas defaults, then their prepare_data (strip the
        # column names; date_of_birth, soc_sec_id and postcode as stripped strings). Other values keep the
        # space after the comma, and an empty field is the string " ", not a null.
        df = pd.read_csv(path)
        df = df.rename(columns=lambda x: x.strip())
        for c in ("date_of_birth", "soc_sec_id", "postcode"):
            df[c] = df[c].astype(str).str.strip()
        return df
    # "clean": the file read as the engine reads it: ", " separated, every field a string, empty = null.
    df = pd.read_csv(path, skipinitialspace=True, dtype=str, keep_default_na=False)
    df = df.rename(columns=lambda x: x.strip())
    df = df.apply(lambda s: s.str.strip()).replace("", None)
    return df


def febrl_dedupe_settings() -> tuple[SettingsCreator, list[Any], float, list[Any], dict[str, Any]]:
    """febrl3.ipynb, verbatim: blocking, comparisons, deterministic rules (recall 0.9), u from 1e6 random
    pairs, EM blocked on date_of_birth then on postcode. Used for FEBRL1, 2 and 3."""
    blocking_rules = [
        block_on("soc_sec_id"),
        block_on("given_name"),
        block_on("surname"),
        block_on("date_of_birth"),
        block_on("postcode"),
    ]
    settings = SettingsCreator(
        unique_id_column_name="rec_id",
        link_type="dedupe_only",
        blocking_rules_to_generate_predictions=blocking_rules,
        comparisons=[
            cl.NameComparison("given_name"),
            cl.NameComparison("surname"),
            cl.DateOfBirthComparison(
                "date_of_birth",
                input_is_string=True,
                datetime_format="%Y%m%d",
            ),
            cl.DamerauLevenshteinAtThresholds("soc_sec_id", [2]),
            cl.ExactMatch("street_number").configure(term_frequency_adjustments=True),
            cl.ExactMatch("postcode").configure(term_frequency_adjustments=True),
        ],
        retain_intermediate_calculation_columns=True,
    )
    deterministic_rules = [
        block_on("soc_sec_id"),
        block_on("given_name", "surname", "date_of_birth"),
        "l.given_name = r.surname and l.surname = r.given_name and l.date_of_birth = r.date_of_birth",
    ]
    em_rules = [block_on("date_of_birth"), block_on("postcode")]
    return settings, deterministic_rules, 0.9, em_rules, {"max_pairs": 1e6, "em_without_tf": False}


def febrl_link_settings() -> tuple[SettingsCreator, list[Any], float, list[Any], dict[str, Any]]:
    """febrl4.ipynb, the "detailed model", verbatim: blocking, comparisons, deterministic rules (recall 0.8),
    u from 1e6 random pairs, EM blocked on date_of_birth then on postcode, without term frequencies."""
    blocking_rules = [
        block_on("given_name", "surname"),
        "l.given_name = r.surname and l.surname = r.given_name",
        block_on("date_of_birth"),
        block_on("soc_sec_id"),
        block_on("state", "address_1"),
        block_on("street_number", "address_1"),
        block_on("postcode"),
    ]
    settings = SettingsCreator(
        unique_id_column_name="rec_id",
        link_type="link_only",
        blocking_rules_to_generate_predictions=blocking_rules,
        comparisons=[
            cl.NameComparison("given_name").configure(term_frequency_adjustments=True),
            cl.NameComparison("surname").configure(term_frequency_adjustments=True),
            cl.DateOfBirthComparison(
                "date_of_birth",
                input_is_string=True,
                datetime_format="%Y%m%d",
                invalid_dates_as_null=True,
            ),
            cl.DamerauLevenshteinAtThresholds("soc_sec_id", [1, 2]),
            cl.ExactMatch("street_number").configure(term_frequency_adjustments=True),
            cl.DamerauLevenshteinAtThresholds("postcode", [1, 2]).configure(term_frequency_adjustments=True),
        ],
        retain_intermediate_calculation_columns=True,
    )
    deterministic_rules = [
        block_on("soc_sec_id"),
        block_on("given_name", "surname", "date_of_birth"),
    ]
    em_rules = [block_on("date_of_birth"), block_on("postcode")]
    return settings, deterministic_rules, 0.8, em_rules, {"max_pairs": 1e6, "em_without_tf": True}


# --------------------------------------------------------------------------------------------------------------
# Identity data (the project's generated travellers). Splink has no example for this data, so it is configured
# as its documentation suggests for person data:
# - docs/demos/examples/duckdb/deduplicate_50k_synthetic.ipynb (Splink 4 docs, "Deduplicate 50k rows
#   historical persons"): ForenameSurnameComparison with a concatenated full-name column for term frequencies,
#   DateOfBirthComparison(input_is_string=True), ExactMatch(birth place) with term frequencies; predictions
#   blocked on forename+surname and on surname+dob; the prior from deterministic rules; u from 5e6 random
#   pairs; EM blocked on forename+surname, then on dob, estimate_without_term_frequencies=True.
# - docs/demos/tutorials/04_Estimating_model_parameters.ipynb: deterministic rules with recall 0.7,
#   LevenshteinAtThresholds for an identifier-like column.
# - README.md ("input data should be standardized ... e.g. lowercased"): names lowercased and trimmed.
# - febrl4.ipynb: a blocking rule for swapped forename/surname.
# Partial birth dates (00 for an unknown day or month): kept as strings for blocking and for the exact-match
# and Damerau-Levenshtein levels, and treated as null by the date levels (invalid_dates_as_null=True: a date
# that try_strptime cannot parse counts as missing), so they never crash and weigh neither way.
# Nationality (';'-separated codes) is split into a list and compared with ArrayIntersectAtSizes (one shared
# code), Splink's comparison for multi-valued columns; sex with ExactMatch; the document number with
# LevenshteinAtThresholds(2) (null, exact, distance <= 2, else).
# --------------------------------------------------------------------------------------------------------------

IDENTITY_COLUMNS = [
    "id",
    "surname",
    "given_names",
    "birth_date",
    "sex",
    "nationality",
    "place_of_birth",
    "document_number",
]


def read_identity(path: str, truth: str) -> tuple[pd.DataFrame, dict[str, str], dict[str, tuple[str, str]]]:
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    truth_of = dict(zip(raw["id"], raw[truth])) if truth in raw.columns else {}
    # Hard-negative labels, where the generator wrote them: id -> (relation, related_cluster).
    related = (
        {i: (k, c) for i, k, c in zip(raw["id"], raw["relation"], raw["related_cluster"]) if k and c}
        if "relation" in raw.columns and "related_cluster" in raw.columns
        else {}
    )
    df = pd.DataFrame({c: raw[c] if c in raw.columns else "" for c in IDENTITY_COLUMNS})
    df = df.apply(lambda s: s.str.strip()).replace("", None)
    for c in ("surname", "given_names", "place_of_birth"):
        df[c] = df[c].str.lower()
    df["document_number"] = df["document_number"].str.upper()
    df["full_name"] = df["given_names"].fillna("") + " " + df["surname"].fillna("")
    df.loc[df["given_names"].isna() & df["surname"].isna(), "full_name"] = None
    df["nationality"] = df["nationality"].map(
        lambda v: None if v is None else [x.strip() for x in v.split(";") if x.strip()] or None
    )
    return df, truth_of, related


def negative_kind(cluster_a: str, rel_a: tuple[str, str] | None, cluster_b: str, rel_b: tuple[str, str] | None):
    """As the generator's negativeKindOf: the kind linking two records of different clusters, or None."""
    if cluster_a == cluster_b:
        return None
    if rel_a is not None and rel_a[1] == cluster_b:
        return rel_a[0]
    if rel_b is not None and rel_b[1] == cluster_a:
        return rel_b[0]
    return None


def identity_settings(link: bool) -> tuple[SettingsCreator, list[Any], float, list[Any], dict[str, Any]]:
    blocking_rules = [
        block_on("given_names", "surname"),
        block_on("surname", "birth_date"),
        block_on("birth_date", "substr(surname, 1, 1)"),
        block_on("given_names", "birth_date"),
        "l.given_names = r.surname and l.surname = r.given_names",
        block_on("document_number"),
    ]
    settings = SettingsCreator(
        unique_id_column_name="id",
        link_type="link_only" if link else "dedupe_only",
        blocking_rules_to_generate_predictions=blocking_rules,
        comparisons=[
            cl.ForenameSurnameComparison(
                "given_names",
                "surname",
                forename_surname_concat_col_name="full_name",
            ),
            cl.DateOfBirthComparison(
                "birth_date",
                input_is_string=True,
                datetime_format="%Y-%m-%d",
                invalid_dates_as_null=True,
            ),
            cl.ExactMatch("sex"),
            cl.ArrayIntersectAtSizes("nationality", [1]),
            cl.ExactMatch("place_of_birth").configure(term_frequency_adjustments=True),
            cl.LevenshteinAtThresholds("document_number", 2),
        ],
        retain_intermediate_calculation_columns=True,
    )
    deterministic_rules = [
        block_on("given_names", "surname", "birth_date"),
        block_on("document_number"),
    ]
    em_rules = [block_on("given_names", "surname"), block_on("birth_date")]
    return settings, deterministic_rules, 0.7, em_rules, {"max_pairs": 5e6, "em_without_tf": True}


# --------------------------------------------------------------------------------------------------------------
# Metrics, as scripts/eval/linkage.ts computes them.
# --------------------------------------------------------------------------------------------------------------


def metrics(threshold: float, tp: int, fp: int, true_pairs: int) -> dict[str, Any]:
    fn = true_pairs - tp
    precision = 1.0 if tp + fp == 0 else tp / (tp + fp)
    recall = 1.0 if true_pairs == 0 else tp / true_pairs
    f1 = 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)
    return {
        "threshold": threshold,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": precision,
        "recall": recall,
        "f1": f1,
    }


def probability_of_weight(w: float) -> float:
    return 1.0 / (1.0 + 2.0 ** (-w))


def true_pair_count(left_entities: list[str], right_entities: list[str] | None) -> int:
    if right_entities is not None:
        # Pairs across the two sides: the sum over entities of (records on the left) x (records on the right).
        # linkage.ts counts the left records whose entity is on the right; the two agree whenever an entity has
        # at most one record per side (FEBRL4), and this one stays right (recall <= 1) when it has more.
        right = Counter(right_entities)
        return sum(c * right.get(e, 0) for e, c in Counter(left_entities).items())
    return sum(c * (c - 1) // 2 for c in Counter(left_entities).values())


def run(job: dict[str, Any]) -> dict[str, Any]:
    task = job["task"]
    mode = job["mode"]
    link = mode == "link"
    threshold = float(job.get("threshold", 0.5))
    truth = job.get("truth", "febrl" if task == "febrl" else "cluster")
    if task not in ("febrl", "identity") or mode not in ("link", "dedupe"):
        raise ValueError(f"unknown task/mode {task}/{mode}")
    if link and not job.get("right"):
        raise ValueError('mode "link" needs "right"')

    started = time.perf_counter()
    if task == "febrl":
        load = job.get("load", "notebook")
        left = read_febrl(job["left"], load)
        right = read_febrl(job["right"], load) if link else None
        id_col = "rec_id"
        left_truth = {i: febrl_entity(i) for i in left[id_col]}
        left_related, right_related = {}, {}
        right_truth = {i: febrl_entity(i) for i in right[id_col]} if right is not None else None
        settings, rules, recall, em_rules, opts = febrl_link_settings() if link else febrl_dedupe_settings()
    else:
        left, left_truth, left_related = read_identity(job["left"], truth)
        right, right_truth, right_related = read_identity(job["right"], truth) if link else (None, None, {})
        id_col = "id"
        settings, rules, recall, em_rules, opts = identity_settings(link)
        if not left_truth or (link and not right_truth):
            raise ValueError(f"truth column {truth!r} not found")

    tables = [left, right] if link else left
    # Not "left"/"right": Splink 4.0.16 does not quote the alias, and LEFT/RIGHT are SQL keywords.
    aliases = ["input_left", "input_right"] if link else None
    linker = Linker(tables, settings, db_api=DuckDBAPI(), input_table_aliases=aliases)
    linker.training.estimate_probability_two_random_records_match(rules, recall=recall)
    # u from random pairs; the examples set no seed (run-to-run differences of a pair or two), "seed" fixes it.
    linker.training.estimate_u_using_random_sampling(max_pairs=opts["max_pairs"], seed=job.get("seed"))
    em_skipped = []
    for rule in em_rules:
        try:
            linker.training.estimate_parameters_using_expectation_maximisation(
                rule, estimate_without_term_frequencies=opts["em_without_tf"]
            )
        except EMTrainingException:
            # A training rule that yields no pairs (e.g. equal names when one side is in native script and the
            # other romanised): Splink refuses it; the session is skipped, as a user would drop the rule, and the
            # comparisons it would have trained keep what the other sessions (or Splink's defaults) give.
            sql = rule if isinstance(rule, str) else rule.get_blocking_rule("duckdb").blocking_rule_sql
            em_skipped.append(sql)
    # Every blocked pair, scored (no threshold), so that the oracle sweep sees all candidates.
    predictions = linker.inference.predict().as_pandas_dataframe()
    seconds = time.perf_counter() - started

    # Entity of each side of each pair (by source data set in a link: ids may repeat across the two files).
    id_l = predictions[f"{id_col}_l"].astype(str).tolist()
    id_r = predictions[f"{id_col}_r"].astype(str).tolist()
    if link:
        src_l = predictions["source_dataset_l"].tolist()
        src_r = predictions["source_dataset_r"].tolist()
        by_source = {"input_left": left_truth, "input_right": right_truth}
        ent_l = [by_source[s].get(i, f"?{s}{i}") for s, i in zip(src_l, id_l)]
        ent_r = [by_source[s].get(i, f"?{s}{i}") for s, i in zip(src_r, id_r)]
    else:
        ent_l = [left_truth.get(i, f"?{i}") for i in id_l]
        ent_r = [left_truth.get(i, f"?{i}") for i in id_r]
    same = [a == b for a, b in zip(ent_l, ent_r)]
    weights = predictions["match_weight"].astype(float).tolist()
    probs = predictions["match_probability"].astype(float).tolist()

    true_pairs = true_pair_count(
        list(left_truth.values()), list(right_truth.values()) if right_truth is not None else None
    )
    tp = sum(1 for s, p in zip(same, probs) if p >= threshold and s)
    fp = sum(1 for s, p in zip(same, probs) if p >= threshold and not s)

    order = sorted(range(len(weights)), key=lambda k: -weights[k])
    best = metrics(1.0, 0, 0, true_pairs)
    best_weight = math.inf
    sweep_tp = sweep_fp = 0
    for n, k in enumerate(order):
        if same[k]:
            sweep_tp += 1
        else:
            sweep_fp += 1
        if n + 1 < len(order) and weights[order[n + 1]] == weights[k]:
            continue
        m = metrics(probability_of_weight(weights[k]), sweep_tp, sweep_fp, true_pairs)
        if m["f1"] > best["f1"]:
            best, best_weight = m, weights[k]
    best["match_weight"] = best_weight if math.isfinite(best_weight) else None

    # False matches per hard-negative kind (namesake, twin, parent-child, sibling) where the CSV labels them:
    # the candidate pairs of each kind and how many of them score at or above the threshold.
    negatives: dict[str, dict[str, Any]] = {}
    if left_related or right_related:
        if link:
            rel_l = [(left_related if s == "input_left" else right_related).get(i) for s, i in zip(src_l, id_l)]
            rel_r = [(left_related if s == "input_left" else right_related).get(i) for s, i in zip(src_r, id_r)]
        else:
            rel_l = [left_related.get(i) for i in id_l]
            rel_r = [left_related.get(i) for i in id_r]
        for a, ra, b, rb, p in zip(ent_l, rel_l, ent_r, rel_r, probs):
            kind = negative_kind(a, ra, b, rb)
            if kind is not None:
                k = negatives.setdefault(kind, {"candidate_pairs": 0, "false_matches": 0})
                k["candidate_pairs"] += 1
                k["false_matches"] += 1 if p >= threshold else 0
        for k in negatives.values():
            k["false_match_rate"] = k["false_matches"] / k["candidate_pairs"]

    if job.get("pairs_out"):
        pd.DataFrame(
            {
                "id_l": id_l,
                "id_r": id_r,
                "entity_l": ent_l,
                "entity_r": ent_r,
                "match_weight": weights,
                "match_probability": probs,
            }
        ).to_csv(job["pairs_out"], index=False)

    at = metrics(threshold, tp, fp, true_pairs)
    return {
        "tool": "splink",
        "splink_version": splink.__version__,
        "task": task,
        "mode": mode,
        "load": job.get("load", "notebook") if task == "febrl" else None,
        "records": f"{len(left)}" if not link else f"{len(left)} × {len(right)}",
        "true_pairs": true_pairs,
        "candidate_pairs": len(predictions),
        "blocked_true": sum(same),
        "threshold": threshold,
        "tp": at["tp"],
        "fp": at["fp"],
        "fn": at["fn"],
        "precision": at["precision"],
        "recall": at["recall"],
        "f1": at["f1"],
        "best": best,
        "negatives": negatives,
        "seed": job.get("seed"),
        "prior": linker._settings_obj._probability_two_random_records_match,
        "em_skipped": em_skipped,
        "seconds": seconds,
    }


def main() -> None:
    text = open(sys.argv[1], encoding="utf-8").read() if len(sys.argv) > 1 else sys.stdin.read()
    result = run(json.loads(text))
    sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
