-- @param {Int} $1:minTotal
SELECT u.id AS user_id, u.email, COUNT(o.id) AS orders, COALESCE(SUM(t.total), 0) AS revenue
FROM practice_app.users u
LEFT JOIN practice_app.order_totals t ON t.user_id = u.id
LEFT JOIN practice_app.orders o ON o.id = t.order_id
GROUP BY u.id, u.email
HAVING COALESCE(SUM(t.total), 0) >= $1
ORDER BY revenue DESC;
