//! Small builders for the grouped queries: which period a timestamp or a
//! date falls in, computed by the database so that only counts come back.

use sea_orm::sea_query::{CaseStatement, Condition, Expr, ExprTrait, Func, Value};

/// `CASE WHEN at < b0 THEN NULL WHEN at < b1 THEN first WHEN at < b2 THEN
/// first + 1 … END`: the number of the period `[b(i-1), b(i))` that `at`
/// falls in, counting from `first`, NULL before the first bound or from the
/// last one on. `bounds` must be increasing.
pub(super) fn bucket(at: &Expr, bounds: &[Value], first: i32) -> Expr {
    let Some((start, rest)) = bounds.split_first() else {
        return Expr::null();
    };
    let mut case = CaseStatement::new().case(at.clone().lt(Expr::val(start.clone())), Expr::null());
    for (index, bound) in (first..).zip(rest) {
        case = case.case(at.clone().lt(Expr::val(bound.clone())), Expr::val(index));
    }
    case.finally(Expr::null()).into()
}

/// `CASE WHEN c1 THEN e1 WHEN c2 THEN e2 … END`, NULL when nothing matches.
pub(super) fn choose(branches: Vec<(Condition, Expr)>) -> Expr {
    if branches.is_empty() {
        return Expr::null();
    }
    branches
        .into_iter()
        .fold(CaseStatement::new(), |case, (when, then)| {
            case.case(when, then)
        })
        .finally(Expr::null())
        .into()
}

/// `CASE WHEN condition THEN 1 ELSE 0 END`.
pub(super) fn one_if(condition: Condition) -> Expr {
    CaseStatement::new()
        .case(condition, Expr::val(1))
        .finally(Expr::val(0))
        .into()
}

/// `SUM(CASE WHEN condition THEN 1 ELSE 0 END)`: how many rows satisfy
/// `condition` (NULL over no row).
pub(super) fn count_if(condition: Condition) -> Expr {
    Func::sum(one_if(condition)).into()
}
