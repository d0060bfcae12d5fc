"""extract_claims partition-wise on a dask.dataframe gives the single-process claims."""

import dask
import dask.dataframe as dd
import pandas as pd
import pytest

import afgmap


@pytest.mark.parametrize("scheduler", ["synchronous", "processes"])
def test_dask_partitions_give_the_same_claims(seed_claims, scheduler):
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reports = afgmap.read_reports("seeds")
    lazy = dd.from_pandas(reports, npartitions=3).map_partitions(
        afgmap.extract_claims, meta=afgmap.claims_meta()
    )
    with dask.config.set(scheduler=scheduler):
        claims = lazy.compute().reset_index(drop=True)
    pd.testing.assert_frame_equal(claims, seed_claims)
    pd.testing.assert_frame_equal(claims.head(0), afgmap.claims_meta())


def test_meta_matches_any_partition_even_an_empty_one():
    empty = afgmap.extract_claims(pd.DataFrame({"report_id": [], "text": []}))
    pd.testing.assert_frame_equal(empty, afgmap.claims_meta())
    quiet = afgmap.extract_claims(pd.DataFrame({"report_id": ["a"], "text": ["Nothing happened."]}))
    pd.testing.assert_frame_equal(quiet, afgmap.claims_meta())
